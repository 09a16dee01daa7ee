import { invalidRequest, StripeApiError } from '../errors';

/** How Stripe words a problem with one parameter, in the API generation that received it. */
export interface RequestErrors {
	/** The name of a nested parameter: `transfer_data[destination]` (v1) or `configuration.merchant` (v2). */
	child(parent: string, key: string | number): string;
	unknown(param: string): StripeApiError;
	missing(param: string): StripeApiError;
	/** An unset value (`''` in a form, `null` in JSON) for a parameter that cannot be unset. */
	empty(param: string): StripeApiError;
	invalidInteger(param: string, value: string): StripeApiError;
	invalidDecimal(param: string, value: string): StripeApiError;
	invalidBoolean(param: string, value: string): StripeApiError;
	invalidEnum(param: string, allowed: string[]): StripeApiError;
	invalidShape(param: string, expected: 'object' | 'array' | 'string' | 'number'): StripeApiError;
	exclusive(params: string[]): StripeApiError;
	/** A rule of the pinned version the SDK types cannot express (see `rules.ts`). */
	rule(param: string, message: string, code?: string): StripeApiError;
}

/** `a, b, or c`, as Stripe lists allowed values. */
function listValues(values: string[]): string {
	return values.length <= 1
		? values.join('')
		: `${values.slice(0, -1).join(', ')}, or ${values.at(-1)}`;
}

function shown(value: string): string {
	return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** Stripe's v1 answers: form parameters in bracket notation, each problem with its own code. */
export const V1_REQUEST_ERRORS: RequestErrors = {
	child: (parent, key) => (parent ? `${parent}[${key}]` : String(key)),
	unknown: (param) =>
		invalidRequest(`Received unknown parameter: ${param}`, 'parameter_unknown', param),
	missing: (param) =>
		invalidRequest(`Missing required param: ${param}.`, 'parameter_missing', param),
	empty: (param) =>
		invalidRequest(
			`You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
			'parameter_invalid_empty',
			param,
		),
	invalidInteger: (param, value) =>
		invalidRequest(`Invalid integer: ${shown(value)}`, 'parameter_invalid_integer', param),
	invalidDecimal: (param, value) =>
		invalidRequest(`Invalid decimal: ${shown(value)}`, undefined, param),
	invalidBoolean: (param, value) =>
		invalidRequest(`Invalid boolean: ${shown(value)}`, undefined, param),
	invalidEnum: (param, allowed) =>
		invalidRequest(`Invalid ${param}: must be one of ${listValues(allowed)}`, undefined, param),
	invalidShape: (param, expected) =>
		invalidRequest(
			expected === 'object' ? 'Invalid hash' : `Invalid ${expected}`,
			undefined,
			param,
		),
	exclusive: (params) =>
		invalidRequest(
			`You may only specify one of these parameters: ${params.join(', ')}.`,
			'parameters_exclusive',
			params.at(-1),
		),
	rule: (param, message, code) => invalidRequest(message, code, param),
};

/**
 * Stripe's v2 answers: JSON fields named with dots. The SDKs recognise a v2 field problem by
 * `code: 'invalid_fields'` (stripe-node's `generateV2Error`); the message says which problem it is.
 * The pinned version is named in these messages, which have no fixed wording at Stripe.
 */
export function v2RequestErrors(apiVersion: string): RequestErrors {
	const invalid = (message: string, param: string) =>
		new StripeApiError(400, {
			type: 'invalid_request_error',
			code: 'invalid_fields',
			message: `${message} (Stripe API ${apiVersion})`,
			param,
		});
	return {
		child: (parent, key) => (parent ? `${parent}.${key}` : String(key)),
		unknown: (param) => invalid(`Received unknown field: ${param}`, param),
		missing: (param) => invalid(`Missing required field: ${param}`, param),
		empty: (param) => invalid(`Field ${param} cannot be null`, param),
		invalidInteger: (param, value) =>
			invalid(`Invalid integer for ${param}: ${shown(value)}`, param),
		invalidDecimal: (param, value) =>
			invalid(`Invalid decimal for ${param}: ${shown(value)}`, param),
		invalidBoolean: (param, value) =>
			invalid(`Invalid boolean for ${param}: ${shown(value)}`, param),
		invalidEnum: (param, allowed) =>
			invalid(`Invalid ${param}: must be one of ${listValues(allowed)}`, param),
		invalidShape: (param, expected) => invalid(`Invalid ${param}: expected ${expected}`, param),
		exclusive: (params) =>
			invalid(
				`You may only specify one of these fields: ${params.join(', ')}`,
				params.at(-1) ?? '',
			),
		rule: (param, message) => invalid(message, param),
	};
}
