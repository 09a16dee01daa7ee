import type { SandboxCore } from '../core';
import { clone, mergeMetadata } from '../core';
import { invalidRequest, missingReference } from '../errors';
import { emitEvent } from '../events';
import type { Params } from '../openapi/validateRequest';
import { present } from '../expand';
import { listFilter } from '../listFilters';
import { paginate } from '../pagination';
import type { StripeObject } from '../store';
import type { RouteTable } from '../types';
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

/** Derives `charges_enabled` / `payouts_enabled` from capabilities, details and rejection, as Stripe does. */
export function refreshEnablement(account: StripeObject): void {
	const capabilities = account.capabilities as Record<string, string>;
	const requirements = account.requirements as { disabled_reason: string | null };
	const rejected =
		typeof requirements.disabled_reason === 'string' &&
		requirements.disabled_reason.startsWith('rejected');
	account.charges_enabled = !rejected && capabilities.card_payments === 'active';
	account.payouts_enabled =
		!rejected &&
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
			name: input.business_name ?? null,
			product_description: null,
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
	refreshEnablement(account);
	core.store.put(core.platformAccountId, account);
	const internals = core.store.internals(id);
	internals.capabilityRequestedAt = Object.fromEntries(
		Object.keys(capabilities).map((name) => [name, created]),
	);
	return account;
}

function kindFromParams(params: Params): AccountKind {
	if (typeof params.type === 'string' && params.type !== '') return params.type as AccountKind;
	const controller = params.controller as
		| { stripe_dashboard?: { type?: string }; requirement_collection?: string }
		| undefined;
	const dashboard = controller?.stripe_dashboard?.type;
	if (dashboard === 'express') return 'express';
	if (dashboard === 'none' || controller?.requirement_collection === 'application') return 'custom';
	return 'standard';
}

function requestedCapabilities(params: Params): Record<string, CapabilityStatus> {
	const requested = (params.capabilities ?? {}) as Record<string, { requested?: boolean }>;
	const statuses: Record<string, CapabilityStatus> = {};
	for (const [name, request] of Object.entries(requested)) {
		if (request?.requested === true) statuses[name] = 'inactive';
	}
	return statuses;
}

function applyAccountUpdate(
	core: SandboxCore,
	account: StripeObject,
	params: Params,
): Record<string, unknown> {
	const previous: Record<string, unknown> = {};
	if (params.metadata !== undefined) {
		previous.metadata = clone(account.metadata);
		account.metadata = mergeMetadata(account.metadata, params.metadata);
	}
	if (params.email !== undefined) {
		previous.email = account.email;
		account.email = params.email === '' ? null : params.email;
	}
	if (typeof params.business_type === 'string') {
		previous.business_type = account.business_type;
		account.business_type = params.business_type || null;
	}
	if (params.business_profile && typeof params.business_profile === 'object') {
		previous.business_profile = clone(account.business_profile);
		for (const [key, value] of Object.entries(params.business_profile)) {
			(account.business_profile as Record<string, unknown>)[key] = value === '' ? null : value;
		}
	}
	const schedule = (
		params.settings as { payouts?: { schedule?: Record<string, unknown> } } | undefined
	)?.payouts?.schedule;
	if (schedule && typeof schedule === 'object') {
		const payouts = (account.settings as { payouts: { schedule: Record<string, unknown> } })
			.payouts;
		previous.settings = { payouts: { schedule: clone(payouts.schedule) } };
		Object.assign(payouts.schedule, schedule);
		if (schedule.interval && schedule.interval !== 'weekly') delete payouts.schedule.weekly_anchor;
		if (schedule.interval && schedule.interval !== 'monthly')
			delete payouts.schedule.monthly_anchor;
	}
	const requested = requestedCapabilities(params);
	const capabilities = account.capabilities as Record<string, string>;
	const added = Object.keys(requested).filter((name) => capabilities[name] === undefined);
	if (added.length > 0) {
		previous.capabilities = clone(capabilities);
		for (const name of added) capabilities[name] = 'inactive';
	}
	return previous;
}

/** A connected account named by a parameter (`account`), or the 400 Stripe answers for a missing one. */
export function accountFromParam(core: SandboxCore, id: string): StripeObject {
	const account = id === core.platformAccountId ? undefined : core.account(id);
	if (!account) throw missingReference('account', id, 'account');
	return account;
}

/** Routes for connected accounts: create, list, read, update, reject and delete. */
export const accountRoutes: RouteTable = {
	'POST /v1/accounts': ({ core, params, asPlatform }) => {
		if (!asPlatform) throw invalidRequest('Connected accounts cannot create other accounts.');
		const account = createConnectedAccount(core, {
			country: typeof params.country === 'string' ? params.country : undefined,
			default_currency:
				typeof params.default_currency === 'string' ? params.default_currency : undefined,
			email: typeof params.email === 'string' ? params.email : null,
			type: kindFromParams(params),
			business_type: typeof params.business_type === 'string' ? params.business_type : null,
			business_name: (params.business_profile as { name?: string } | undefined)?.name ?? null,
			capabilities: requestedCapabilities(params),
			metadata: mergeMetadata({}, params.metadata),
			details_submitted: false,
		});
		const otherSettings = Object.fromEntries(
			Object.entries(params).filter(([key]) => key !== 'capabilities' && key !== 'metadata'),
		);
		applyAccountUpdate(core, account, otherSettings);
		return present(core, account, params.expand);
	},
	'GET /v1/accounts': ({ core, params, path }) => {
		const accounts = core.store.newestFirst(core.platformAccountId, 'account', listFilter(params));
		return paginate(core, accounts, params, path, 'account');
	},
	'GET /v1/accounts/{account}': (context) =>
		present(context.core, context.core.requireAccountInPath(context), context.params.expand),
	'POST /v1/accounts/{account}': (context) => {
		const account = context.core.requireAccountInPath(context);
		const previous = applyAccountUpdate(context.core, account, context.params);
		if (Object.keys(previous).length > 0) {
			emitEvent(context.core, {
				type: 'account.updated',
				object: account,
				account: account.id,
				previousAttributes: previous,
			});
		}
		return present(context.core, account, context.params.expand);
	},
	'DELETE /v1/accounts/{account}': (context) => {
		const account = context.core.requireAccountInPath(context);
		context.core.store.remove(context.core.platformAccountId, 'account', account.id);
		context.core.store.internals(account.id).deleted = true;
		return { id: account.id, object: 'account', deleted: true };
	},
	'POST /v1/accounts/{account}/reject': (context) => {
		const account = context.core.requireAccountInPath(context);
		const previous = {
			charges_enabled: account.charges_enabled,
			payouts_enabled: account.payouts_enabled,
			requirements: clone(account.requirements),
		};
		(account.requirements as Record<string, unknown>).disabled_reason =
			`rejected.${String(context.params.reason)}`;
		refreshEnablement(account);
		emitEvent(context.core, {
			type: 'account.updated',
			object: account,
			account: account.id,
			previousAttributes: previous,
		});
		return present(context.core, account, context.params.expand);
	},
};
