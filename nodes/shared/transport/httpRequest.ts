import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { StripeInputError } from '../validation';
import { appendStripeQuery, encodeStripeBody } from './formEncoding';
import { randomIdempotencyKey, takesIdempotencyKey } from './idempotency';
import type { StripeRequest } from './request';

/*
 * The HTTP side of a StripeRequest: the request n8n's helper sends (URL, headers, encoded body) and
 * what is read back from the answer (a header, the parsed body).
 */

/** HTTP headers as n8n hands them over: any case, any value type. */
export type Headers = Record<string, unknown>;

/** n8n's own request settings that survive into every Stripe request (Request Options of the node). */
export type EngineRequestSettings = Pick<
	IHttpRequestOptions,
	'timeout' | 'proxy' | 'skipSslCertificateValidation'
>;

/** One header's value whatever the case of its name; undefined when absent or empty. */
export function headerValue(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

/**
 * The HTTP request for `request`: URL with the encoded query, the body encoded for its API version,
 * and the Stripe headers. A POST (and a v2 DELETE) always carries an Idempotency-Key.
 */
export function toHttpRequest(
	request: StripeRequest,
	baseUrl: string,
	engineSettings: EngineRequestSettings = {},
): IHttpRequestOptions {
	if (request.stripeAccount !== undefined && request.stripeContext !== undefined) {
		throw new StripeInputError(
			'Connected Account and Stripe Context',
			'are both set, but Stripe acts either as a connected account (Stripe-Account) or in a context (Stripe-Context). Keep one of them.',
		);
	}
	const headers: Headers = { Accept: 'application/json' };
	if (request.stripeAccount !== undefined) headers['Stripe-Account'] = request.stripeAccount;
	if (request.stripeContext !== undefined) headers['Stripe-Context'] = request.stripeContext;
	if (request.triggeringEvent !== undefined) {
		headers['Stripe-Request-Trigger'] = `event=${request.triggeringEvent}`;
	}
	const options: IHttpRequestOptions = {
		...engineSettings,
		method: request.method,
		url: appendStripeQuery(`${baseUrl}${request.path}`, request.query),
		headers: headers as IDataObject,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Stripe never redirects an API call; following one would hand the key to another host.
		disableFollowRedirect: true,
	};
	if (request.method === 'POST') {
		const { contentType, text } = encodeStripeBody(request.path, request.body ?? {});
		headers['Content-Type'] = contentType;
		options.body = text;
	}
	if (takesIdempotencyKey(request)) {
		headers['Idempotency-Key'] = request.idempotencyKey ?? randomIdempotencyKey();
	}
	return options;
}

/** An answer's body as JSON when it parses, as it came otherwise. */
export function parseResponseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}
