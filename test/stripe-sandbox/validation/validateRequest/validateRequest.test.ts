import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

import { TESTED_STRIPE_API_VERSION } from '../../../../nodes/shared/stripeApi';
import { decodeStripeForm, validateStripeRequest } from '../../../../stripe-sandbox';
import { StripeApiError } from '../../../../stripe-sandbox/errors';
import { VALIDATED_API_VERSION } from '../../../../stripe-sandbox/validation/validateRequest';

function errorOf(run: () => unknown): StripeApiError {
	try {
		run();
	} catch (error) {
		if (error instanceof StripeApiError) return error;
		throw error;
	}
	throw new Error('expected a StripeApiError');
}

const form = (method: string, path: string, text: string) =>
	validateStripeRequest(method, path, decodeStripeForm(text));
const formError = (method: string, path: string, text: string) =>
	errorOf(() => form(method, path, text));

describe('validateStripeRequest: the pinned version', () => {
	it('validates against the API version the node pins and the stripe SDK sends', () => {
		expect(VALIDATED_API_VERSION).toBe('2026-10-28.endive');
		expect(VALIDATED_API_VERSION).toBe(TESTED_STRIPE_API_VERSION);
		expect(new Stripe('sk_test_x').getApiField('version')).toBe(VALIDATED_API_VERSION);
	});
});

describe('validateStripeRequest: paths', () => {
	it('resolves the SDK template and path parameters and types the values', () => {
		expect(
			form(
				'POST',
				'/v1/transfers/tr_123/reversals',
				'amount=250&refund_application_fee=true&metadata[why]=dup',
			),
		).toEqual({
			template: '/v1/transfers/{id}/reversals',
			pathParams: { id: 'tr_123' },
			params: { amount: 250, refund_application_fee: true, metadata: { why: 'dup' } },
			deprecated: [],
			sdkMethod: 'transfers.createReversal',
		});
		expect(form('GET', '/v1/transfers/tr_1/reversals/trr_2', '')).toMatchObject({
			template: '/v1/transfers/{transferId}/reversals/{id}',
			pathParams: { transferId: 'tr_1', id: 'trr_2' },
		});
	});

	it('prefers literal path segments over placeholders', () => {
		expect(form('GET', '/v1/payment_intents/search', "query=status:'succeeded'").template).toBe(
			'/v1/payment_intents/search',
		);
	});

	it('answers an unknown path like Stripe', () => {
		const error = formError('GET', '/v1/foo', '');
		expect(error.status).toBe(404);
		expect(error.body).toEqual({
			type: 'invalid_request_error',
			message:
				'Unrecognized request URL (GET: /v1/foo). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
		});
	});

	it('answers a method the path does not have as an unknown URL', () => {
		expect(formError('DELETE', '/v1/transfers', '').body.message).toContain(
			'Unrecognized request URL (DELETE: /v1/transfers)',
		);
	});

	it('no longer knows the aliases the pinned SDK dropped', () => {
		expect(formError('GET', '/v1/balance/history', '').status).toBe(404);
		expect(formError('GET', '/v1/accounts/acct_1/people', '').status).toBe(404);
	});
});

describe('validateStripeRequest: which parameters exist', () => {
	it('refuses an unknown top-level parameter with parameter_unknown', () => {
		const error = formError(
			'POST',
			'/v1/transfers',
			'amount=1&currency=usd&destination=acct_1&x=1',
		);
		expect(error.status).toBe(400);
		expect(error.body).toMatchObject({
			type: 'invalid_request_error',
			code: 'parameter_unknown',
			message: 'Received unknown parameter: x',
			param: 'x',
		});
	});

	it('names nested unknown parameters in bracket notation', () => {
		expect(
			formError('POST', '/v1/payment_intents', 'amount=1&currency=usd&transfer_data[dest]=acct_1')
				.body,
		).toMatchObject({
			code: 'parameter_unknown',
			message: 'Received unknown parameter: transfer_data[dest]',
			param: 'transfer_data[dest]',
		});
	});

	it('refuses unknown query parameters on GET', () => {
		expect(formError('GET', '/v1/payouts', 'sort=asc').body.param).toBe('sort');
	});

	it('refuses every parameter on an endpoint that takes none', () => {
		expect(formError('DELETE', '/v1/accounts/acct_1', 'expand[]=requirements').body).toMatchObject({
			code: 'parameter_unknown',
			param: 'expand',
		});
		expect(form('DELETE', '/v1/accounts/acct_1', '').params).toEqual({});
	});

	it('accepts parameters the pinned version added after 2024', () => {
		expect(
			form('POST', '/v1/payouts', 'amount=1&currency=usd&payout_method=bankacct_1').params,
		).toMatchObject({
			payout_method: 'bankacct_1',
		});
		expect(
			form('POST', '/v1/accounts/acct_1/reject', 'reason=fraud_other&payouts_action=none').params,
		).toEqual({ reason: 'fraud_other', payouts_action: 'none' });
	});

	it('accepts expand as an appended or an indexed list', () => {
		expect(
			form('GET', '/v1/transfers/tr_1', 'expand[]=destination&expand[]=balance_transaction').params,
		).toEqual({
			expand: ['destination', 'balance_transaction'],
		});
		expect(form('GET', '/v1/transfers/tr_1', 'expand[0]=destination').params).toEqual({
			expand: ['destination'],
		});
		expect(formError('GET', '/v1/transfers/tr_1', 'expand=destination').body).toMatchObject({
			message: 'Invalid array',
			param: 'expand',
		});
	});

	it('names deprecated parameters, which Stripe still accepts', () => {
		expect(form('POST', '/v1/accounts', 'type=express&country=US').deprecated).toEqual(['type']);
		expect(
			form('POST', '/v1/accounts', 'controller[stripe_dashboard][type]=express&country=US')
				.deprecated,
		).toEqual([]);
	});
});

describe('validateStripeRequest: required parameters', () => {
	it('requires required parameters', () => {
		expect(formError('POST', '/v1/transfers', 'amount=1&destination=acct_1').body).toMatchObject({
			code: 'parameter_missing',
			message: 'Missing required param: currency.',
			param: 'currency',
		});
	});

	it('requires required nested parameters once their parent is sent', () => {
		expect(
			formError('POST', '/v1/payment_intents', 'amount=1&currency=usd&transfer_data[amount]=1')
				.body,
		).toMatchObject({ code: 'parameter_missing', param: 'transfer_data[destination]' });
	});
});

describe('validateStripeRequest: types and enums', () => {
	it('refuses a fraction where Stripe takes an integer', () => {
		expect(formError('POST', '/v1/payouts', 'amount=12.5&currency=usd').body).toMatchObject({
			code: 'parameter_invalid_integer',
			message: 'Invalid integer: 12.5',
			param: 'amount',
		});
	});

	it('accepts a fraction where the SDK documents a decimal', () => {
		expect(
			form('POST', '/v1/accounts/acct_1/persons', 'relationship[percent_ownership]=12.5').params,
		).toEqual({ relationship: { percent_ownership: 12.5 } });
		expect(
			formError('POST', '/v1/accounts/acct_1/persons', 'relationship[percent_ownership]=half').body,
		).toMatchObject({ message: 'Invalid decimal: half', param: 'relationship[percent_ownership]' });
	});

	it('refuses a value outside an enum and lists the allowed ones', () => {
		expect(
			formError('POST', '/v1/payouts', 'amount=1&currency=usd&method=fast').body,
		).toMatchObject({
			message: 'Invalid method: must be one of instant, or standard',
			param: 'method',
		});
	});

	it('refuses a malformed boolean', () => {
		expect(
			formError(
				'POST',
				'/v1/webhook_endpoints',
				'url=https://x.test&enabled_events[]=*&connect=yes',
			).body,
		).toMatchObject({ message: 'Invalid boolean: yes', param: 'connect' });
	});

	it('refuses a string where Stripe takes a hash', () => {
		expect(
			formError('POST', '/v1/payment_intents', 'amount=1&currency=usd&transfer_data=acct_1').body,
		).toMatchObject({ message: 'Invalid hash', param: 'transfer_data' });
	});

	it('accepts either form of a parameter that takes two (range filters and timestamps)', () => {
		expect(form('GET', '/v1/transfers', 'created[gte]=10&created[lt]=20').params).toEqual({
			created: { gte: 10, lt: 20 },
		});
		expect(form('GET', '/v1/transfers', 'created=10').params).toEqual({ created: 10 });
		expect(
			form('POST', '/v1/accounts/acct_1', 'settings[payouts][schedule][delay_days]=minimum').params,
		).toEqual({ settings: { payouts: { schedule: { delay_days: 'minimum' } } } });
	});

	it('reports the problem of the form the value looks like', () => {
		expect(formError('GET', '/v1/transfers', 'created[after]=10').body).toMatchObject({
			code: 'parameter_unknown',
			param: 'created[after]',
		});
		expect(formError('GET', '/v1/transfers', 'created=yesterday').body).toMatchObject({
			code: 'parameter_invalid_integer',
			param: 'created',
		});
	});
});

describe('validateStripeRequest: empty values', () => {
	it("accepts '' where Stripe can unset the parameter (Emptyable or nullable in the SDK)", () => {
		expect(form('POST', '/v1/transfers/tr_1', 'metadata=').params).toEqual({ metadata: '' });
		expect(form('POST', '/v1/transfers/tr_1', 'metadata[order]=').params).toEqual({
			metadata: { order: '' },
		});
		expect(form('POST', '/v1/payment_intents/pi_1', 'receipt_email=').params).toEqual({
			receipt_email: '',
		});
		expect(form('POST', '/v1/accounts/acct_1', 'business_profile[support_url]=').params).toEqual({
			business_profile: { support_url: '' },
		});
	});

	it("refuses '' where the parameter cannot be unset, naming it in bracket notation", () => {
		expect(formError('POST', '/v1/transfers/tr_1', 'description=').body).toEqual({
			type: 'invalid_request_error',
			code: 'parameter_invalid_empty',
			doc_url: 'https://stripe.com/docs/error-codes/parameter-invalid-empty',
			message:
				"You passed an empty string for 'description'. We assume empty values are an attempt to unset a parameter; however 'description' cannot be unset. You should remove 'description' from your request or supply a non-empty value.",
			param: 'description',
		});
		expect(
			formError('POST', '/v1/transfers', 'amount=1&currency=usd&destination=a&metadata=').body.code,
		).toBe('parameter_invalid_empty');
		expect(formError('POST', '/v1/accounts/acct_1', 'business_profile[url]=').body.param).toBe(
			'business_profile[url]',
		);
	});

	it("refuses '' for a required parameter as an empty value, not a missing one", () => {
		expect(
			formError('POST', '/v1/transfers', 'amount=1&currency=&destination=a').body,
		).toMatchObject({
			code: 'parameter_invalid_empty',
			param: 'currency',
		});
	});
});

describe('validateStripeRequest: rules the SDK types cannot express', () => {
	const schedule = (fields: string) =>
		fields
			.split('&')
			.map((field) => `settings[payouts][schedule][${field.replace('=', ']=')}`)
			.join('&');

	it('accepts each interval with its own anchor or payout days', () => {
		for (const fields of [
			'interval=daily',
			'interval=manual',
			'interval=weekly&weekly_anchor=friday',
			'interval=weekly&weekly_payout_days][0=monday',
			'interval=monthly&monthly_anchor=31',
			'interval=monthly&monthly_payout_days][0=1',
		]) {
			expect(() => form('POST', '/v1/accounts/acct_1', schedule(fields)), fields).not.toThrow();
		}
	});

	it('requires the anchor of a weekly or monthly interval', () => {
		expect(formError('POST', '/v1/accounts', schedule('interval=weekly')).body).toMatchObject({
			code: 'parameter_missing',
			message: 'Missing required param: settings[payouts][schedule][weekly_anchor].',
		});
		expect(formError('POST', '/v1/accounts/acct_1', schedule('interval=monthly')).body.param).toBe(
			'settings[payouts][schedule][monthly_anchor]',
		);
	});

	it('refuses an anchor for another interval and names the pinned version', () => {
		expect(
			formError(
				'POST',
				'/v1/accounts/acct_1',
				schedule('interval=weekly&weekly_anchor=monday&monthly_anchor=3'),
			).body,
		).toMatchObject({
			type: 'invalid_request_error',
			param: 'settings[payouts][schedule][monthly_anchor]',
			message:
				'settings[payouts][schedule][monthly_anchor] applies only when settings[payouts][schedule][interval] is monthly; it is weekly (Stripe API 2026-10-28.endive).',
		});
		expect(
			formError(
				'POST',
				'/v1/accounts/acct_1',
				schedule('interval=manual&weekly_payout_days][0=monday'),
			).body.param,
		).toBe('settings[payouts][schedule][weekly_payout_days]');
	});

	it('refuses monthly payout days next to a monthly anchor', () => {
		expect(
			formError(
				'POST',
				'/v1/accounts/acct_1',
				schedule('interval=monthly&monthly_anchor=1&monthly_payout_days][0=15'),
			).body.param,
		).toBe('settings[payouts][schedule][monthly_payout_days]');
	});

	it('checks the payout schedule of the balance settings too', () => {
		expect(
			formError('POST', '/v1/balance_settings', 'payments[payouts][schedule][interval]=weekly')
				.body,
		).toMatchObject({
			code: 'parameter_missing',
			param: 'payments[payouts][schedule][weekly_payout_days]',
		});
	});

	it('takes type or types on the event list, never both', () => {
		expect(form('GET', '/v1/events', 'type=payout.paid').params).toEqual({ type: 'payout.paid' });
		expect(form('GET', '/v1/events', 'types[]=payout.paid&types[]=payout.failed').params).toEqual({
			types: ['payout.paid', 'payout.failed'],
		});
		expect(
			formError('GET', '/v1/events', 'type=payout.paid&types[]=payout.failed').body,
		).toMatchObject({
			code: 'parameters_exclusive',
			message: 'You may only specify one of these parameters: type, types.',
		});
	});
});

describe('validateStripeRequest: v2 JSON bodies and queries', () => {
	const json = (method: string, path: string, body: Record<string, unknown>) =>
		validateStripeRequest(method, path, body);

	it('accepts a v2 JSON body with JSON types', () => {
		expect(
			json('POST', '/v2/core/accounts', {
				display_name: 'Shop',
				dashboard: 'express',
				include: ['configuration.merchant'],
				configuration: { merchant: { capabilities: { card_payments: { requested: true } } } },
				metadata: { order: '1' },
			}),
		).toMatchObject({ template: '/v2/core/accounts', sdkMethod: 'v2.core.accounts.create' });
	});

	it('answers a problem in a v2 body with the v2 error shape and a dotted field name', () => {
		const error = errorOf(() =>
			json('POST', '/v2/core/accounts', { configuration: { merchant: { surprise: true } } }),
		);
		expect(error.status).toBe(400);
		expect(error.body).toEqual({
			type: 'invalid_request_error',
			code: 'invalid_fields',
			message:
				'Received unknown field: configuration.merchant.surprise (Stripe API 2026-10-28.endive)',
			param: 'configuration.merchant.surprise',
		});
	});

	it('checks JSON types: no strings for booleans, no null where the SDK has none', () => {
		expect(
			errorOf(() =>
				json('POST', '/v2/core/accounts', {
					configuration: { merchant: { capabilities: { card_payments: { requested: 'true' } } } },
				}),
			).body.param,
		).toBe('configuration.merchant.capabilities.card_payments.requested');
		expect(
			errorOf(() => json('POST', '/v2/core/accounts', { display_name: null })).body.message,
		).toMatch(/^Field display_name cannot be null/);
		expect(
			errorOf(() => json('POST', '/v2/core/accounts', { dashboard: 'partial' })).body.message,
		).toMatch(/^Invalid dashboard: must be one of express, full, or none/);
	});

	it('types a v2 query, where a repeated key is a list', () => {
		expect(
			validateStripeRequest('GET', '/v2/core/accounts', {
				limit: '10',
				applied_configurations: 'merchant',
			}).params,
		).toEqual({ limit: 10, applied_configurations: ['merchant'] });
		expect(
			validateStripeRequest('GET', '/v2/core/accounts', {
				applied_configurations: ['merchant', 'recipient'],
			}).params,
		).toEqual({ applied_configurations: ['merchant', 'recipient'] });
	});
});
