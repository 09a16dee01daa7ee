/** The body Stripe sends for every failed request. */
export interface StripeErrorBody {
	type: string;
	code?: string;
	message: string;
	param?: string;
	doc_url?: string;
	decline_code?: string;
}

/** A failure answered with Stripe's error shape; thrown by handlers, caught by the server. */
export class StripeApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: StripeErrorBody,
		readonly headers: Record<string, string> = {},
	) {
		super(body.message);
	}
}

function docUrl(code: string): string {
	return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

/** 400 invalid_request_error with an optional Stripe error code and parameter. */
export function invalidRequest(message: string, code?: string, param?: string): StripeApiError {
	return new StripeApiError(400, {
		type: 'invalid_request_error',
		...(code ? { code, doc_url: docUrl(code) } : {}),
		message,
		...(param ? { param } : {}),
	});
}

/** resource_missing, worded as Stripe words it: `No such transfer: 'tr_x'`. */
function noSuch(status: 400 | 404, noun: string, id: string, param: string): StripeApiError {
	return new StripeApiError(status, {
		type: 'invalid_request_error',
		code: 'resource_missing',
		doc_url: docUrl('resource_missing'),
		message: `No such ${noun}: '${id}'`,
		param,
	});
}

/** 404 resource_missing for a missing object named by the path. */
export function resourceMissing(noun: string, id: string, param = 'id'): StripeApiError {
	return noSuch(404, noun, id, param);
}

/**
 * 400 resource_missing for an id given as a parameter (a destination, a charge, a cursor): the
 * request is invalid, unlike a missing object named by the path, which is a 404.
 */
export function missingReference(noun: string, id: string, param: string): StripeApiError {
	return noSuch(400, noun, id, param);
}

/** 400 parameter_missing for a required parameter. */
export function missingParam(param: string): StripeApiError {
	return invalidRequest(`Missing required param: ${param}.`, 'parameter_missing', param);
}

/** 400 parameter_unknown for a parameter the endpoint does not take. */
export function unknownParam(param: string): StripeApiError {
	return invalidRequest(`Received unknown parameter: ${param}`, 'parameter_unknown', param);
}

/** 404 for a path/method Stripe does not serve. */
export function unrecognizedUrl(method: string, path: string): StripeApiError {
	return new StripeApiError(404, {
		type: 'invalid_request_error',
		message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
	});
}

/** 400 balance_insufficient, raised before any balance moves. */
export function balanceInsufficient(what: 'transfer' | 'payout', currency: string): StripeApiError {
	const message =
		what === 'transfer'
			? `You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. (Currency: ${currency})`
			: `You have insufficient funds in your Stripe account for this payout. (Currency: ${currency})`;
	return invalidRequest(message, 'balance_insufficient');
}

/** Keeps only the last four characters of a key so errors never echo a secret. */
export function redactKey(key: string): string {
	const prefix = key.match(/^(sk|rk)_(test|live)_/)?.[0] ?? '';
	return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

/**
 * The error body of a v2 request. v2 errors carry `type`, `code` and `message` (plus `param` where
 * a field is at fault) and no `doc_url`; a missing object is `not_found`, a rate limit has type
 * `rate_limit` (the SDK's v2 error classes key on these), and an idempotency mismatch is a 409.
 */
export function v2ErrorBody(error: StripeApiError): StripeErrorBody {
	const { type, code, message, param } = error.body;
	if (error.status === 429) return { type: 'rate_limit', code: 'rate_limit', message };
	if (error.status === 404) return { type: 'invalid_request_error', code: 'not_found', message };
	return { type, code: code ?? type, message, ...(param ? { param } : {}) };
}
