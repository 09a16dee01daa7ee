import { describe, expect, it } from 'vitest';

import { StripePacer } from '../../../../nodes/shared/transport/pacing';
import { isConnectionError } from '../../../../nodes/shared/transport/connectionFailures';
import { baseUrlOf, pacingLimitsOf } from '../../../../nodes/shared/transport/credentialSettings';
import { toHttpRequest } from '../../../../nodes/shared/transport/httpRequest';
import { sendStripeRequest, type StripeCallContext } from '../../../../nodes/shared/transport/send';
import { StripeInputError } from '../../../../nodes/shared/validation';

describe('isConnectionError', () => {
	it('recognises failed connections, directly or as the cause', () => {
		expect(isConnectionError({ code: 'ECONNREFUSED' })).toBe(true);
		expect(isConnectionError({ message: 'x', cause: { code: 'ECONNRESET' } })).toBe(true);
	});

	it('does not treat other errors as connection errors', () => {
		expect(isConnectionError(new Error('The Stripe API key is malformed.'))).toBe(false);
		expect(isConnectionError(undefined)).toBe(false);
		expect(isConnectionError({ code: 'ERR_BAD_REQUEST' })).toBe(false);
	});
});

describe('baseUrlOf', () => {
	it("takes the credential's base URL without trailing slashes, Stripe's when empty", () => {
		expect(baseUrlOf({ baseUrl: 'http://127.0.0.1:12111//' })).toBe('http://127.0.0.1:12111');
		expect(baseUrlOf({ baseUrl: '  ' })).toBe('https://api.stripe.com');
		expect(baseUrlOf({})).toBe('https://api.stripe.com');
	});
});

describe('pacingLimitsOf', () => {
	const testKey = ['sk', 'test', 'pacingLimits1'].join('_');
	const liveKey = ['rk', 'live', 'pacingLimits1'].join('_');

	it("uses Stripe's limit for the key's mode when the credential says 0 or nothing", () => {
		expect(pacingLimitsOf({ secretKey: testKey })).toEqual({
			requestsPerSecond: 25,
			maxInFlight: 25,
		});
		expect(
			pacingLimitsOf({ secretKey: liveKey, requestsPerSecond: 0, maxRequestsInFlight: 0 }),
		).toEqual({ requestsPerSecond: 100, maxInFlight: 100 });
	});

	it("takes the credential's own rate and cap; the cap defaults to one second of requests", () => {
		expect(pacingLimitsOf({ secretKey: liveKey, requestsPerSecond: 40 })).toEqual({
			requestsPerSecond: 40,
			maxInFlight: 40,
		});
		expect(
			pacingLimitsOf({ secretKey: testKey, requestsPerSecond: 10, maxRequestsInFlight: 3 }),
		).toEqual({ requestsPerSecond: 10, maxInFlight: 3 });
	});

	it.each([-1, 1.5, '10', 10_001])('refuses %j, naming the credential field', (value) => {
		expect(() => pacingLimitsOf({ secretKey: testKey, requestsPerSecond: value })).toThrow(
			'Stripe Connect API credential → Requests per Second',
		);
	});
});

describe('toHttpRequest', () => {
	it('puts the query in the URL and sends no body with a GET', () => {
		const http = toHttpRequest(
			{
				method: 'GET',
				path: '/v1/transfers',
				query: { destination: 'acct_1', created: { gte: 5 }, expand: ['data.destination'] },
				stripeAccount: 'acct_9',
			},
			'https://api.stripe.com',
		);
		expect(http).toMatchObject({
			method: 'GET',
			url: 'https://api.stripe.com/v1/transfers?destination=acct_1&created[gte]=5&expand[0]=data.destination',
			headers: { Accept: 'application/json', 'Stripe-Account': 'acct_9' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		expect(http.body).toBeUndefined();
	});

	it('form-encodes a POST and keys it: the given key, or a random one', () => {
		const keyed = toHttpRequest(
			{
				method: 'POST',
				path: '/v1/transfers',
				body: { amount: 5, metadata: { a: 'b' } },
				idempotencyKey: 'order-42',
			},
			'http://127.0.0.1:1',
		);
		expect(keyed.body).toBe('amount=5&metadata[a]=b');
		expect(keyed.headers).toEqual({
			Accept: 'application/json',
			'Content-Type': 'application/x-www-form-urlencoded',
			'Idempotency-Key': 'order-42',
		});
		const unkeyed = toHttpRequest({ method: 'POST', path: '/v1/webhook_endpoints' }, '');
		expect(unkeyed.headers?.['Idempotency-Key']).toMatch(/^n8n-[0-9a-f-]{36}$/);
	});

	it('sends Stripe-Context, and refuses it together with Stripe-Account', () => {
		expect(
			toHttpRequest(
				{ method: 'GET', path: '/v1/balance', stripeContext: 'acct_v2_1' },
				'https://api.stripe.com',
			).headers,
		).toMatchObject({ 'Stripe-Context': 'acct_v2_1' });
		expect(() =>
			toHttpRequest(
				{ method: 'GET', path: '/v1/balance', stripeAccount: 'acct_1', stripeContext: 'acct_2' },
				'https://api.stripe.com',
			),
		).toThrow(StripeInputError);
	});

	it("keeps n8n's timeout and proxy settings", () => {
		expect(
			toHttpRequest({ method: 'GET', path: '/v1/balance' }, 'https://api.stripe.com', {
				timeout: 1234,
			}).timeout,
		).toBe(1234);
	});
});

describe('sendStripeRequest', () => {
	it('gives the slot it was handed back when the request cannot be built, so the pacer is not one short', async () => {
		const pacer = new StripePacer({ requestsPerSecond: 10, maxInFlight: 1 });
		const slot = await pacer.acquire();

		await expect(
			sendStripeRequest(
				{} as StripeCallContext,
				{ baseUrl: 'http://127.0.0.1:1', credentials: {}, pacer },
				{ method: 'GET', path: '/v1/balance', stripeAccount: 'acct_1', stripeContext: 'acct_2' },
				{ firstSlot: slot },
			),
		).rejects.toThrow(StripeInputError);

		const next = pacer.acquire();
		expect(pacer.queued).toBe(0);
		(await next).release();
	});
});
