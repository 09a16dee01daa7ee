import { describe, expect, it } from 'vitest';

import { toHttpRequest } from '../../../../nodes/shared/transport/httpRequest';
import { StripeInputError } from '../../../../nodes/shared/validation';

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
