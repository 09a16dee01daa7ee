import { describe, expect, it } from 'vitest';

import { decodeStripeForm, validateStripeRequest } from '../../../../stripe-sandbox';
import { StripeApiError } from '../../../../stripe-sandbox/errors';

/**
 * The requests issue 16 found that the pinned API version (2026-10-28.endive) refuses or misreads,
 * each as the node sends it (method, path, form). The 2024-04-10 spec the sandbox used to validate
 * against accepted twelve of them; the definitions of the pinned version refuse every one.
 */
interface Defect {
	defect: string;
	method: string;
	path: string;
	form: string;
	refusal: { code?: string; param: string; message?: string | RegExp };
}

const DISPUTE_TEXT_EVIDENCE = [
	'access_activity_log',
	'billing_address',
	'cancellation_policy_disclosure',
	'cancellation_rebuttal',
	'customer_email_address',
	'customer_name',
	'customer_purchase_ip',
	'duplicate_charge_explanation',
	'product_description',
	'refund_policy_disclosure',
	'refund_refusal_explanation',
	'service_date',
	'shipping_address',
	'shipping_carrier',
	'shipping_date',
	'shipping_tracking_number',
	'uncategorized_text',
];

const blank = (param: string) => ({
	code: 'parameter_invalid_empty',
	param,
	message: `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
});

const SCHEDULE = 'settings[payouts][schedule]';

const DEFECTS: Defect[] = [
	{
		defect: 'account.delete sends expand[]; the delete endpoint takes no parameters',
		method: 'DELETE',
		path: '/v1/accounts/acct_1',
		form: 'expand[0]=requirements',
		refusal: {
			code: 'parameter_unknown',
			param: 'expand',
			message: 'Received unknown parameter: expand',
		},
	},
	{
		defect: 'account.reject offers reason=fraud, which is no longer a reason',
		method: 'POST',
		path: '/v1/accounts/acct_1/reject',
		form: 'reason=fraud',
		refusal: {
			param: 'reason',
			message:
				'Invalid reason: must be one of credit, fraud_no_intent_to_fulfill, fraud_other, fraud_payment_method_casher, fraud_payment_method_tester, other, or terms_of_service',
		},
	},
	{
		defect: 'event.getAll sends type and types[] together',
		method: 'GET',
		path: '/v1/events',
		form: 'type=payout.paid&types[0]=payout.failed',
		refusal: {
			code: 'parameters_exclusive',
			param: 'types',
			message: 'You may only specify one of these parameters: type, types.',
		},
	},
	{
		defect: 'payout schedule: interval=weekly without weekly_anchor or weekly_payout_days',
		method: 'POST',
		path: '/v1/accounts/acct_1',
		form: `${SCHEDULE}[interval]=weekly`,
		refusal: { code: 'parameter_missing', param: `${SCHEDULE}[weekly_anchor]` },
	},
	{
		defect: 'payout schedule: interval=monthly without monthly_anchor or monthly_payout_days',
		method: 'POST',
		path: '/v1/accounts/acct_1',
		form: `${SCHEDULE}[interval]=monthly`,
		refusal: { code: 'parameter_missing', param: `${SCHEDULE}[monthly_anchor]` },
	},
	{
		defect: 'payout schedule: a weekly anchor with a monthly interval',
		method: 'POST',
		path: '/v1/accounts/acct_1',
		form: `${SCHEDULE}[interval]=monthly&${SCHEDULE}[monthly_anchor]=15&${SCHEDULE}[weekly_anchor]=friday`,
		refusal: {
			param: `${SCHEDULE}[weekly_anchor]`,
			message: /applies only when .*\[interval\] is weekly/,
		},
	},
	{
		defect: 'payout schedule: a monthly anchor with a daily interval',
		method: 'POST',
		path: '/v1/accounts/acct_1',
		form: `${SCHEDULE}[interval]=daily&${SCHEDULE}[monthly_anchor]=15`,
		refusal: {
			param: `${SCHEDULE}[monthly_anchor]`,
			message: /applies only when .*\[interval\] is monthly/,
		},
	},
	{
		defect: 'account.create sends a blank email',
		method: 'POST',
		path: '/v1/accounts',
		form: 'controller[stripe_dashboard][type]=express&email=',
		refusal: blank('email'),
	},
	{
		defect: 'account.update sends a blank business profile field',
		method: 'POST',
		path: '/v1/accounts/acct_1',
		form: 'business_profile[name]=Shop&business_profile[url]=',
		refusal: blank('business_profile[url]'),
	},
	...DISPUTE_TEXT_EVIDENCE.map((field) => ({
		defect: `dispute.updateEvidence sends a blank evidence[${field}]`,
		method: 'POST',
		path: '/v1/disputes/dp_1',
		form: `evidence[${field}]=`,
		refusal: blank(`evidence[${field}]`),
	})),
	...['description', 'receipt_email', 'transfer_group'].map((field) => ({
		defect: `paymentIntent.createDestinationCharge sends a blank ${field}`,
		method: 'POST',
		path: '/v1/payment_intents',
		form: `amount=1000&currency=usd&transfer_data[destination]=acct_1&${field}=`,
		refusal: blank(field),
	})),
	...['description', 'statement_descriptor'].map((field) => ({
		defect: `payout.create sends a blank ${field}`,
		method: 'POST',
		path: '/v1/payouts',
		form: `amount=1000&currency=usd&${field}=`,
		refusal: blank(field),
	})),
	{
		defect: 'transfer.update sends description= to clear it, which Stripe cannot do',
		method: 'POST',
		path: '/v1/transfers/tr_1',
		form: 'description=',
		refusal: blank('description'),
	},
	{
		defect: 'transferReversal.create sends a blank description',
		method: 'POST',
		path: '/v1/transfers/tr_1/reversals',
		form: 'amount=100&description=',
		refusal: blank('description'),
	},
];

function refusalOf(defect: Defect): StripeApiError | undefined {
	try {
		validateStripeRequest(defect.method, defect.path, decodeStripeForm(defect.form));
		return undefined;
	} catch (error) {
		if (error instanceof StripeApiError) return error;
		throw error;
	}
}

describe('the requests of issue 16 that the pinned API version refuses', () => {
	it.each(DEFECTS)('refuses: $defect', (defect) => {
		const error = refusalOf(defect);
		expect(error, 'the validator accepted it').toBeInstanceOf(StripeApiError);
		expect(error?.status).toBe(400);
		expect(error?.body.type).toBe('invalid_request_error');
		expect(error?.body.code).toBe(defect.refusal.code);
		expect(error?.body.param).toBe(defect.refusal.param);
		if (defect.refusal.message) expect(error?.body.message).toMatch(defect.refusal.message);
	});
});

describe('the deprecated parameters issue 16 names', () => {
	it.each([
		['account.create type (use controller)', '/v1/accounts', 'type=express', 'type'],
		[
			'accountLink.create collect (use collection_options)',
			'/v1/account_links',
			'account=acct_1&type=account_onboarding&refresh_url=https://x.test/r&return_url=https://x.test/d&collect=eventually_due',
			'collect',
		],
	])('accepts %s as Stripe does, and names it deprecated', (_name, path, form, param) => {
		expect(validateStripeRequest('POST', path, decodeStripeForm(form))).toMatchObject({
			deprecated: [param],
		});
	});
});

describe('the parameters issue 16 says users need, which the 2024 spec did not know', () => {
	it.each([
		[
			'account link collection_options',
			'/v1/account_links',
			'account=acct_1&type=account_onboarding&refresh_url=https://x.test/r&return_url=https://x.test/d&collection_options[fields]=eventually_due&collection_options[future_requirements]=include',
		],
		[
			'weekly_payout_days',
			'/v1/accounts/acct_1',
			`${SCHEDULE}[interval]=weekly&${SCHEDULE}[weekly_payout_days][0]=monday&${SCHEDULE}[weekly_payout_days][1]=thursday`,
		],
		[
			'monthly_payout_days',
			'/v1/accounts/acct_1',
			`${SCHEDULE}[interval]=monthly&${SCHEDULE}[monthly_payout_days][0]=1&${SCHEDULE}[monthly_payout_days][1]=15`,
		],
		[
			'payouts_action on reject',
			'/v1/accounts/acct_1/reject',
			'reason=fraud_other&payouts_action=none',
		],
	])('accepts %s', (_name, path, form) => {
		expect(() => validateStripeRequest('POST', path, decodeStripeForm(form))).not.toThrow();
	});
});
