import { describe, expect, it } from 'vitest';
import { decodeStripeForm, validateStripeRequest } from '../../stripe-sandbox';
import { StripeApiError } from '../../stripe-sandbox/errors';

function errorOf(run: () => unknown): StripeApiError {
	try {
		run();
	} catch (error) {
		if (error instanceof StripeApiError) return error;
		throw error;
	}
	throw new Error('expected a StripeApiError');
}

describe('validateStripeRequest', () => {
	it('resolves the spec template and path parameters and types the values', () => {
		const result = validateStripeRequest(
			'POST',
			'/v1/transfers/tr_123/reversals',
			decodeStripeForm('amount=250&refund_application_fee=true&metadata[why]=dup'),
		);
		expect(result).toEqual({
			template: '/v1/transfers/{id}/reversals',
			pathParams: { id: 'tr_123' },
			params: { amount: 250, refund_application_fee: true, metadata: { why: 'dup' } },
		});
	});

	it('prefers literal path segments over parameters', () => {
		expect(
			validateStripeRequest('GET', '/v1/payment_intents/search', { query: "status:'succeeded'" })
				.template,
		).toBe('/v1/payment_intents/search');
	});

	it('answers an unknown path like Stripe', () => {
		const error = errorOf(() => validateStripeRequest('GET', '/v1/foo', {}));
		expect(error.status).toBe(404);
		expect(error.body).toEqual({
			type: 'invalid_request_error',
			message:
				'Unrecognized request URL (GET: /v1/foo). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
		});
	});

	it('answers a method the path does not have as an unknown URL', () => {
		expect(
			errorOf(() => validateStripeRequest('DELETE', '/v1/transfers', {})).body.message,
		).toContain('Unrecognized request URL (DELETE: /v1/transfers)');
	});

	it('rejects an unknown top-level parameter with parameter_unknown', () => {
		const error = errorOf(() =>
			validateStripeRequest(
				'POST',
				'/v1/transfers',
				decodeStripeForm('amount=1&currency=usd&destination=acct_1&x=1'),
			),
		);
		expect(error.status).toBe(400);
		expect(error.body).toMatchObject({
			type: 'invalid_request_error',
			code: 'parameter_unknown',
			message: 'Received unknown parameter: x',
			param: 'x',
		});
	});

	it('names nested unknown parameters with brackets', () => {
		const error = errorOf(() =>
			validateStripeRequest(
				'POST',
				'/v1/payment_intents',
				decodeStripeForm('amount=1&currency=usd&transfer_data[dest]=acct_1'),
			),
		);
		expect(error.body).toMatchObject({
			code: 'parameter_unknown',
			message: 'Received unknown parameter: transfer_data[dest]',
			param: 'transfer_data[dest]',
		});
	});

	it('rejects unknown query parameters on GET', () => {
		expect(
			errorOf(() => validateStripeRequest('GET', '/v1/payouts', { sort: 'asc' })).body.param,
		).toBe('sort');
	});

	it('requires required parameters', () => {
		const error = errorOf(() =>
			validateStripeRequest(
				'POST',
				'/v1/transfers',
				decodeStripeForm('amount=1&destination=acct_1'),
			),
		);
		expect(error.body).toMatchObject({
			code: 'parameter_missing',
			message: 'Missing required param: currency.',
			param: 'currency',
		});
	});

	it('requires required nested parameters', () => {
		const error = errorOf(() =>
			validateStripeRequest(
				'POST',
				'/v1/payment_intents',
				decodeStripeForm('amount=1&currency=usd&transfer_data[amount]=1'),
			),
		);
		expect(error.body).toMatchObject({
			code: 'parameter_missing',
			param: 'transfer_data[destination]',
		});
	});

	it('rejects a non-integer amount', () => {
		const error = errorOf(() =>
			validateStripeRequest('POST', '/v1/payouts', decodeStripeForm('amount=12.5&currency=usd')),
		);
		expect(error.body).toMatchObject({
			code: 'parameter_invalid_integer',
			message: 'Invalid integer: 12.5',
			param: 'amount',
		});
	});

	it('rejects a value outside an enum and lists the allowed ones', () => {
		const error = errorOf(() =>
			validateStripeRequest(
				'POST',
				'/v1/payouts',
				decodeStripeForm('amount=1&currency=usd&method=fast'),
			),
		);
		expect(error.body).toMatchObject({
			message: 'Invalid method: must be one of instant, or standard',
			param: 'method',
		});
	});

	it('rejects a malformed boolean', () => {
		expect(
			errorOf(() =>
				validateStripeRequest(
					'POST',
					'/v1/webhook_endpoints',
					decodeStripeForm('url=https://x.test&enabled_events[]=*&connect=yes'),
				),
			).body.param,
		).toBe('connect');
	});

	it('accepts range filters and plain timestamps for created', () => {
		expect(
			validateStripeRequest(
				'GET',
				'/v1/transfers',
				decodeStripeForm('created[gte]=10&created[lt]=20'),
			).params,
		).toEqual({ created: { gte: 10, lt: 20 } });
		expect(
			validateStripeRequest('GET', '/v1/transfers', decodeStripeForm('created=10')).params,
		).toEqual({ created: 10 });
	});

	it('reports an unknown key inside a range filter', () => {
		expect(
			errorOf(() =>
				validateStripeRequest('GET', '/v1/transfers', decodeStripeForm('created[after]=10')),
			).body,
		).toMatchObject({
			code: 'parameter_unknown',
			param: 'created[after]',
		});
	});

	it('accepts an empty value that unsets metadata', () => {
		expect(
			validateStripeRequest('POST', '/v1/transfers/tr_1', decodeStripeForm('metadata=')).params,
		).toEqual({ metadata: '' });
	});

	it('accepts parameters newer than the spec only from the allow-list', () => {
		expect(
			validateStripeRequest(
				'POST',
				'/v1/payouts',
				decodeStripeForm('amount=1&currency=usd&payout_method=pm_1'),
			).params,
		).toMatchObject({
			payout_method: 'pm_1',
		});
		expect(
			errorOf(() =>
				validateStripeRequest(
					'POST',
					'/v1/transfers',
					decodeStripeForm('amount=1&currency=usd&destination=a&payout_method=x'),
				),
			).body.code,
		).toBe('parameter_unknown');
	});

	it('rejects strings longer than the spec allows', () => {
		const error = errorOf(() =>
			validateStripeRequest('POST', '/v1/transfers', {
				amount: '1',
				currency: 'usd',
				destination: 'acct_1',
				description: 'g'.repeat(5001),
			}),
		);
		expect(error.body.param).toBe('description');
	});
});
