import { StripeApiError } from './errors';
import type { FormObject } from './formCodec';
import { ROUTES, V2_ROUTES } from './routes';
import type { HandlerContext } from './types';
import { PathIndex } from './validation/pathIndex';
import { v2RequestErrors } from './validation/requestErrors';
import { VALIDATED_API_VERSION, validateStripeRequest } from './validation/validateRequest';

/** A request matched to its handler, with the parameters that make up its idempotency fingerprint. */
export interface RoutedRequest {
	/** The endpoint's path template as the definitions name it (the SDK's placeholder names). */
	template: string;
	fingerprintParams: unknown;
	run(context: Omit<HandlerContext, 'params' | 'pathParams'>): unknown;
}

/** What routing reads of a decoded request. */
export interface RoutableRequest {
	apiMode: 'v1' | 'v2';
	method: string;
	path: string;
	query: FormObject;
	body: FormObject;
	jsonBody: Record<string, unknown> | undefined;
}

// Each table keeps the sandbox's own placeholder names (`{transfer}`, `{account_id}`), which its
// handlers read; the validator names the same placeholders as the SDK does (`{transferId}`).
const V1_ROUTE_INDEX = PathIndex.fromTable(ROUTES);
const V2_ROUTE_INDEX = PathIndex.fromTable(V2_ROUTES);

const V2_ERRORS = v2RequestErrors(VALIDATED_API_VERSION);

/** An endpoint of the pinned version that the sandbox has no handler for. */
function notImplemented(method: string, template: string, path: string): StripeApiError {
	return new StripeApiError(404, {
		type: 'invalid_request_error',
		message: `The Stripe sandbox does not implement ${method} ${template}. Unrecognized request URL (${method}: ${path}).`,
	});
}

/**
 * The query of a v2 GET without its `page` token. The token is the server's own cursor inside
 * `next_page_url` / `previous_page_url`: Stripe reads it on every v2 list, but the SDK's list
 * params no longer name it (it was removed from them in 2025-03-31.basil; SDKs follow the URLs), so
 * the definitions do not hold it. Anywhere but a list it is an unknown field, as any other.
 */
function withoutPageToken(query: FormObject): { params: FormObject; hasPage: boolean } {
	if (!('page' in query)) return { params: query, hasPage: false };
	const params = { ...query };
	delete params.page;
	return { params, hasPage: true };
}

function routeV2Request(request: RoutableRequest): RoutedRequest {
	const { method, path, query } = request;
	const { params: queryParams, hasPage } = withoutPageToken(query);
	// POST carries a JSON body; GET and DELETE carry their parameters in the query.
	const body = method === 'POST' ? (request.jsonBody ?? {}) : undefined;
	const validated = validateStripeRequest(method, path, body ?? queryParams);
	if (hasPage && (method !== 'GET' || !validated.sdkMethod.endsWith('.list'))) {
		throw V2_ERRORS.unknown('page');
	}
	const route = V2_ROUTE_INDEX.match(method, path);
	if (!route) throw notImplemented(method, validated.template, path);
	// Handlers get the JSON body as sent, not the validator's typed copy: there an unset value
	// (JSON `null`) reads as `''`, and v2 updates tell `null` (remove) from `''` (a value).
	const params = body ?? query;
	return {
		template: validated.template,
		fingerprintParams: { query, body: request.jsonBody },
		run: (context) => route.value({ ...context, params, query, pathParams: route.pathParams }),
	};
}

function routeV1Request(request: RoutableRequest): RoutedRequest {
	const { method, path } = request;
	const params = method === 'POST' ? { ...request.query, ...request.body } : request.query;
	const validated = validateStripeRequest(method, path, params);
	const route = V1_ROUTE_INDEX.match(method, path);
	if (!route) throw notImplemented(method, validated.template, path);
	return {
		template: validated.template,
		fingerprintParams: params,
		run: (context) =>
			route.value({ ...context, params: validated.params, pathParams: route.pathParams }),
	};
}

/**
 * Finds the handler of a request after checking it against the definitions of the pinned API
 * version (validation/validateRequest.ts), v1 and v2 alike: an unknown path answers 404, a
 * parameter the version does not accept a 400 naming it (v1: bracket notation and Stripe's codes;
 * v2: dot notation, `code: 'invalid_fields'`), before any handler runs. Handlers check only what
 * the definitions cannot express (cross-field rules, formats, the sandbox's own limits).
 */
export function routeRequest(request: RoutableRequest): RoutedRequest {
	return request.apiMode === 'v2' ? routeV2Request(request) : routeV1Request(request);
}
