/**
 * Wire assertions for API v2 requests: JSON bodies, Stripe-Context instead of Stripe-Account, and an
 * Idempotency-Key on every POST and DELETE.
 */
import { expect } from 'vitest';

import type { RecordedRequest, StripeSandbox } from '../../../../stripe-sandbox';
import { expectAuthenticatedAndAnswered, onlyRequest } from './fixtureRuns';

/** What one v2 request on the wire must look like. */
export interface ExpectedV2Wire {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	/** Exact raw query string as received. */
	rawQuery?: string;
	/** The JSON body of a POST, compared with the raw body byte for byte (key order included). */
	json?: Record<string, unknown>;
	/** The Stripe-Context header, or undefined when the request acts as the platform. */
	stripeContext?: string;
}

/**
 * Asserts one recorded v2 request exactly: method, path, query, JSON body, the sandbox key,
 * Stripe-Version from the credential, no Stripe-Account, the expected Stripe-Context, an
 * Idempotency-Key on POST and DELETE (none on GET), and that the sandbox accepted it (it validates
 * each v2 request against stripe 23.1.0's definitions).
 */
export function expectV2Wire(
	sandbox: StripeSandbox,
	request: RecordedRequest,
	expected: ExpectedV2Wire,
): void {
	expect({ method: request.method, path: request.path }).toEqual({
		method: expected.method,
		path: expected.path,
	});
	expect(request.rawQuery).toBe(expected.rawQuery ?? '');
	if (expected.method === 'POST') {
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.rawBody).toBe(JSON.stringify(expected.json ?? {}));
	} else {
		expect(request.rawBody).toBe('');
	}
	if (expected.method === 'GET') expect(request.idempotencyKey).toBeUndefined();
	else expect(request.idempotencyKey).toMatch(/^n8n-[0-9a-f]{40}$/);
	expect(request.stripeAccount).toBeUndefined();
	expect(request.stripeContext).toBe(expected.stripeContext);
	expectAuthenticatedAndAnswered(sandbox, request);
}

/** The only request recorded since the last clearRequests(), asserted as a v2 request. */
export function expectSingleV2Request(
	sandbox: StripeSandbox,
	expected: ExpectedV2Wire,
): RecordedRequest {
	const request = onlyRequest(sandbox);
	expectV2Wire(sandbox, request, expected);
	return request;
}
