/**
 * A connected account as Stripe returns it: how one is built (through the API or a scenario builder)
 * and how its `charges_enabled` / `payouts_enabled` follow from capabilities, details and rejection.
 */
import type { SandboxCore } from '../core';
import type { StripeObject } from '../store';
import { createTestBankAccount } from './externalAccounts';

/** The currency Stripe gives a new account in each country the sandbox knows. */
export const COUNTRY_CURRENCIES: Record<string, string> = {
	US: 'usd',
	GB: 'gbp',
	DE: 'eur',
	FR: 'eur',
	ES: 'eur',
	IT: 'eur',
	NL: 'eur',
	IE: 'eur',
	JP: 'jpy',
	CA: 'cad',
	AU: 'aud',
	NZ: 'nzd',
	CH: 'chf',
	SE: 'sek',
	DK: 'dkk',
	NO: 'nok',
	SG: 'sgd',
	MX: 'mxn',
};

export type CapabilityStatus = 'active' | 'inactive' | 'pending';
export type AccountKind = 'express' | 'standard' | 'custom';

/** What a connected account is made from, through the API or a scenario builder. */
export interface ConnectedAccountInput {
	country?: string;
	default_currency?: string;
	email?: string | null;
	type?: AccountKind;
	business_type?: string | null;
	business_name?: string | null;
	capabilities?: Record<string, CapabilityStatus>;
	payoutSchedule?: {
		interval: 'manual' | 'daily' | 'weekly' | 'monthly';
		delay_days?: number;
		weekly_anchor?: string;
		monthly_anchor?: number;
	};
	metadata?: Record<string, string>;
	details_submitted?: boolean;
	created?: number;
}

function emptyRequirements(disabledReason: string | null = null, currentlyDue: string[] = []) {
	return {
		alternatives: [],
		current_deadline: null,
		currently_due: currentlyDue,
		disabled_reason: disabledReason,
		errors: [],
		eventually_due: currentlyDue,
		past_due: currentlyDue,
		pending_verification: [],
	};
}

function controllerFor(type: AccountKind) {
	return {
		fees: { payer: type === 'standard' ? 'account' : 'application' },
		is_controller: true,
		losses: { payments: type === 'standard' ? 'stripe' : 'application' },
		requirement_collection: type === 'custom' ? 'application' : 'stripe',
		stripe_dashboard: {
			type: type === 'standard' ? 'full' : type === 'express' ? 'express' : 'none',
		},
		type: 'application',
	};
}

/**
 * Derives `charges_enabled` / `payouts_enabled` from capabilities, details and rejection, as Stripe
 * does. A rejection stops charges, and payouts too unless it was made with `payouts_action=none`.
 */
export function refreshEnablement(core: SandboxCore, account: StripeObject): void {
	const capabilities = account.capabilities as Record<string, string>;
	const requirements = account.requirements as { disabled_reason: string | null };
	const rejected =
		typeof requirements.disabled_reason === 'string' &&
		requirements.disabled_reason.startsWith('rejected');
	const payoutsPaused =
		rejected && core.store.internals(account.id).payoutsKeptOnRejection !== true;
	account.charges_enabled = !rejected && capabilities.card_payments === 'active';
	account.payouts_enabled =
		!payoutsPaused &&
		account.details_submitted === true &&
		Object.values(capabilities).some((status) => status === 'active');
}

/** Creates a connected account (with one bank account) and records it on the platform. */
export function createConnectedAccount(
	core: SandboxCore,
	input: ConnectedAccountInput,
): StripeObject {
	const country = (input.country ?? 'US').toUpperCase();
	const currency = (input.default_currency ?? COUNTRY_CURRENCIES[country] ?? 'usd').toLowerCase();
	const type = input.type ?? 'express';
	const id = core.ids.next('acct', 16);
	const created = input.created ?? core.now();
	const capabilities = input.capabilities ?? { card_payments: 'active', transfers: 'active' };
	const schedule = input.payoutSchedule ?? { interval: 'daily', delay_days: 2 };
	const bankAccount = createTestBankAccount(core, {
		account: id,
		country,
		currency,
		holderName: input.business_name ?? null,
	});
	const detailsSubmitted =
		input.details_submitted ?? Object.values(capabilities).includes('active');
	const account: StripeObject = {
		id,
		object: 'account',
		business_profile: {
			annual_revenue: null,
			estimated_worker_count: null,
			mcc: null,
			minority_owned_business_designation: null,
			name: input.business_name ?? null,
			product_description: null,
			specified_commercial_transactions_act_url: null,
			support_address: null,
			support_email: null,
			support_phone: null,
			support_url: null,
			url: null,
		},
		business_type: input.business_type ?? null,
		capabilities: { ...capabilities },
		charges_enabled: false,
		controller: controllerFor(type),
		country,
		created,
		default_currency: currency,
		details_submitted: detailsSubmitted,
		email: input.email ?? null,
		external_accounts: {
			object: 'list',
			data: [bankAccount],
			has_more: false,
			url: `/v1/accounts/${id}/external_accounts`,
		},
		future_requirements: emptyRequirements(),
		metadata: { ...(input.metadata ?? {}) },
		payouts_enabled: false,
		requirements: emptyRequirements(
			null,
			detailsSubmitted ? [] : ['external_account', 'tos_acceptance.date'],
		),
		settings: {
			branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
			card_payments: {
				decline_on: { avs_failure: false, cvc_failure: false },
				statement_descriptor_prefix: null,
				statement_descriptor_prefix_kana: null,
				statement_descriptor_prefix_kanji: null,
			},
			dashboard: { display_name: input.business_name ?? null, timezone: 'Etc/UTC' },
			payments: {
				statement_descriptor: null,
				statement_descriptor_kana: null,
				statement_descriptor_kanji: null,
				statement_descriptor_prefix_kana: null,
				statement_descriptor_prefix_kanji: null,
			},
			payouts: {
				debit_negative_balances: true,
				schedule: {
					delay_days: schedule.delay_days ?? 2,
					interval: schedule.interval,
					...(schedule.weekly_anchor ? { weekly_anchor: schedule.weekly_anchor } : {}),
					...(schedule.monthly_anchor ? { monthly_anchor: schedule.monthly_anchor } : {}),
				},
				statement_descriptor: null,
			},
		},
		tos_acceptance: { date: detailsSubmitted ? created : null },
		type,
	};
	refreshEnablement(core, account);
	core.store.put(core.platformAccountId, account);
	const internals = core.store.internals(id);
	internals.capabilityRequestedAt = Object.fromEntries(
		Object.keys(capabilities).map((name) => [name, created]),
	);
	return account;
}
