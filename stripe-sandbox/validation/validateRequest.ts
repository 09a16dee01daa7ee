import {
	DEFINITIONS_API_VERSION,
	DEFINITIONS_SDK_VERSION,
	stripeDefinitions,
} from '../definitions/loadDefinitions';
import type { EndpointDefinition } from '../definitions/types';
import { unrecognizedUrl } from '../errors';
import type { Params } from '../types';
import type { Encoding } from './checkParameters';
import { ParameterChecker } from './checkParameters';
import { PathIndex } from './pathIndex';
import { V1_REQUEST_ERRORS, v2RequestErrors } from './requestErrors';
import { REQUEST_RULES } from './rules';

/** The Stripe API version the validator checks requests against. */
export const VALIDATED_API_VERSION = DEFINITIONS_API_VERSION;

/** The `stripe` SDK version whose types the validator's definitions were generated from. */
export const VALIDATED_SDK_VERSION = DEFINITIONS_SDK_VERSION;

/** A request the pinned API version accepts. */
export interface ValidatedRequest {
	/** The endpoint's path template as the SDK builds it, e.g. `/v1/transfers/{transferId}/reversals/{id}`. */
	template: string;
	/** The path's placeholders by the template's names. */
	pathParams: Record<string, string>;
	/** The parameters, typed: numbers and booleans converted, an unset value as `''`. */
	params: Params;
	/** Deprecated parameters the request used (Stripe still accepts them), in Stripe's notation. */
	deprecated: string[];
	/** The SDK method that sends this request, e.g. `transfers.createReversal`. */
	sdkMethod: string;
}

let endpointIndex: PathIndex<EndpointDefinition> | undefined;

function endpoints(): PathIndex<EndpointDefinition> {
	if (!endpointIndex) {
		endpointIndex = new PathIndex<EndpointDefinition>();
		for (const endpoint of stripeDefinitions().endpoints) {
			endpointIndex.add(endpoint.method, endpoint.path, endpoint);
		}
	}
	return endpointIndex;
}

const V2_REQUEST_ERRORS = v2RequestErrors(VALIDATED_API_VERSION);

/**
 * Checks a request against the definitions of the pinned API version (generated from the `stripe`
 * SDK's types, see stripe-sandbox/definitions/): the path and method must be an endpoint, every
 * parameter must exist there with the right type, enum value and required companions, `''` only
 * where Stripe can unset the parameter, and the rules of `rules.ts` hold. `params` is the decoded
 * form (v1 body or query string), the parsed JSON body (v2 POST) or the decoded query (v2 GET).
 * Throws the StripeApiError Stripe answers; returns the typed parameters otherwise.
 */
export function validateStripeRequest(
	method: string,
	path: string,
	params: Record<string, unknown> | undefined,
): ValidatedRequest {
	const upperMethod = method.toUpperCase();
	const match = endpoints().match(upperMethod, path);
	if (!match) throw unrecognizedUrl(upperMethod, path);
	const endpoint = match.value;
	const isV2 = endpoint.path.startsWith('/v2/');
	const encoding: Encoding = isV2 ? (endpoint.encoding === 'json' ? 'json' : 'query') : 'form';
	const errors = isV2 ? V2_REQUEST_ERRORS : V1_REQUEST_ERRORS;
	const checker = new ParameterChecker(encoding, errors);
	const typed = checker.checkObject(params ?? {}, endpoint.params, '');
	for (const rule of REQUEST_RULES[`${endpoint.method} ${endpoint.path}`] ?? []) {
		rule(typed, errors, VALIDATED_API_VERSION);
	}
	return {
		template: endpoint.path,
		pathParams: match.pathParams,
		params: typed,
		deprecated: checker.deprecated,
		sdkMethod: endpoint.sdkMethod,
	};
}
