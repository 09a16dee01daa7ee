import type { SandboxCore } from '../core';
import { present } from '../expand';
import type { StripeObject } from '../store';
import type { RouteTable } from '../types';

/** The platform's own account object (what GET /v1/account returns without Stripe-Account). */
export function createPlatformAccount(core: SandboxCore): StripeObject {
	const account = platformAccountShape(core);
	core.store.put(core.platformAccountId, account, 'platform_account');
	return account;
}

function platformAccountShape(core: SandboxCore): StripeObject {
	return {
		id: core.platformAccountId,
		object: 'account',
		business_profile: {
			annual_revenue: null,
			estimated_worker_count: null,
			mcc: '5734',
			name: 'Sandbox Marketplace',
			product_description: 'A Stripe Connect marketplace running in the local sandbox',
			support_address: null,
			support_email: 'support@sandbox.example',
			support_phone: null,
			support_url: null,
			url: 'https://sandbox.example',
		},
		business_type: 'company',
		capabilities: { card_payments: 'active', transfers: 'active' },
		charges_enabled: true,
		country: 'US',
		created: core.now(),
		default_currency: 'usd',
		details_submitted: true,
		email: 'platform@sandbox.example',
		metadata: {},
		payouts_enabled: true,
		settings: {
			branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
			card_payments: {
				decline_on: { avs_failure: false, cvc_failure: false },
				statement_descriptor_prefix: 'SANDBOX',
				statement_descriptor_prefix_kana: null,
				statement_descriptor_prefix_kanji: null,
			},
			dashboard: { display_name: 'Sandbox Marketplace', timezone: 'Etc/UTC' },
			payments: {
				statement_descriptor: 'SANDBOX MARKETPLACE',
				statement_descriptor_kana: null,
				statement_descriptor_kanji: null,
			},
			payouts: {
				debit_negative_balances: true,
				schedule: { delay_days: 2, interval: 'daily' },
				statement_descriptor: null,
			},
		},
		type: 'standard',
	};
}

/**
 * GET /v1/account: the platform itself, or with `Stripe-Account` the connected account the request
 * acts as.
 */
export const platformAccountRoutes: RouteTable = {
	'GET /v1/account': ({ core, account, params }) =>
		present(core, core.account(account), params.expand),
};
