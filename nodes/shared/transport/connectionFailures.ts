import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { headerValue, type Headers } from './httpRequest';

/*
 * Failures of the way to Stripe rather than Stripe's answers: no connection at all (worth another
 * attempt), or a redirect, which Stripe's API never sends (never followed, never retried).
 */

const CONNECTION_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** True when a request failed before any HTTP answer arrived (connection refused, reset, timed out). */
export function isConnectionError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const candidate = error as { code?: unknown; cause?: { code?: unknown } };
	return [candidate.code, candidate.cause?.code].some(
		(code) => typeof code === 'string' && CONNECTION_ERROR_CODES.has(code),
	);
}

/**
 * The error for a 3xx answer: Stripe's API never redirects, so a redirect means the base URL points
 * somewhere else (a proxy, a typo, an attacker). Nothing is followed or retried.
 */
export function redirectRefused(
	node: INode,
	baseUrl: string,
	response: { statusCode: number; headers?: unknown },
	itemIndex?: number,
): NodeApiError {
	const location = headerValue(response.headers as Headers, 'Location');
	return new NodeApiError(
		node,
		{ statusCode: response.statusCode, location: location ?? null } as JsonObject,
		{
			message: `The Stripe base URL ${baseUrl} answered ${response.statusCode} with a redirect${location ? ` to ${location}` : ''}; it was not followed`,
			description:
				"Stripe's API never redirects, so the request (and the key) was not sent anywhere else. Check the Base URL of the Stripe Connect API credential: https://api.stripe.com, or your local sandbox.",
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}
