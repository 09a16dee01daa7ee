import type { SandboxCore } from '../core';
import { clone, mergeMetadata } from '../core';
import { invalidRequest, resourceMissing } from '../errors';
import { emitEvent } from '../events';
import type { Params } from '../validation/validateRequest';
import { listFilter, paginate, present } from '../pagination';
import type { HandlerContext, RouteTable } from '../router';
import type { StripeObject } from '../store';

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

function refreshEnablement(account: StripeObject): void {
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
	const bankAccount: StripeObject = {
		id: core.ids.next('ba'),
		object: 'bank_account',
		account: id,
		account_holder_name: input.business_name ?? null,
		account_holder_type: null,
		account_type: null,
		available_payout_methods: ['standard', 'instant'],
		bank_name: 'STRIPE TEST BANK',
		country,
		currency,
		default_for_currency: true,
		fingerprint: core.ids.token(16),
		future_requirements: { currently_due: [], errors: [], past_due: [], pending_verification: [] },
		last4: '6789',
		metadata: {},
		requirements: { currently_due: [], errors: [], past_due: [], pending_verification: [] },
		routing_number: '110000000',
		status: 'new',
	};
	core.store.put(id, bankAccount);
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

/** A capability object as GET /v1/accounts/{id}/capabilities/{cap} returns it. */
export function capabilityObject(
	core: SandboxCore,
	account: StripeObject,
	name: string,
): StripeObject {
	const status = (account.capabilities as Record<string, string>)[name];
	const requestedAt =
		(core.store.internals(account.id).capabilityRequestedAt as Record<string, number>)?.[name] ??
		null;
	const due = status === 'active' ? [] : [`${name}.requirements`];
	const requirements = {
		alternatives: [],
		current_deadline: null,
		currently_due: due,
		disabled_reason: status === 'active' ? null : 'requirements.past_due',
		errors: [],
		eventually_due: due,
		past_due: due,
		pending_verification: [],
	};
	return {
		id: name,
		object: 'capability',
		account: account.id,
		future_requirements: {
			...requirements,
			currently_due: [],
			eventually_due: [],
			past_due: [],
			disabled_reason: null,
		},
		requested: status !== undefined,
		requested_at: requestedAt,
		requirements,
		status: status ?? 'unrequested',
	};
}

/** Sets capability statuses and emits account.updated and capability.updated like Stripe does. */
export function setCapabilities(
	core: SandboxCore,
	accountId: string,
	statuses: Record<string, CapabilityStatus>,
): StripeObject {
	const account = core.requireConnectedAccount(accountId);
	const previous = clone(account.capabilities) as Record<string, string>;
	const capabilities = account.capabilities as Record<string, string>;
	const requestedAt = (core.store.internals(account.id).capabilityRequestedAt ??= {}) as Record<
		string,
		number
	>;
	for (const [name, status] of Object.entries(statuses)) {
		capabilities[name] = status;
		requestedAt[name] ??= core.now();
	}
	if (Object.values(capabilities).includes('active')) {
		account.details_submitted = true;
		(account.requirements as Record<string, unknown>).currently_due = [];
		(account.requirements as Record<string, unknown>).eventually_due = [];
		(account.requirements as Record<string, unknown>).past_due = [];
	}
	refreshEnablement(account);
	for (const name of Object.keys(statuses)) {
		if (previous[name] !== capabilities[name]) {
			emitEvent(core, {
				type: 'capability.updated',
				object: capabilityObject(core, account, name),
				account: account.id,
				previousAttributes: { status: previous[name] ?? 'unrequested' },
			});
		}
	}
	emitEvent(core, {
		type: 'account.updated',
		object: account,
		account: account.id,
		previousAttributes: { capabilities: previous },
	});
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

function connectedAccountFromPath(context: HandlerContext, param = 'account'): StripeObject {
	const id = context.pathParams.account;
	if (!context.asPlatform && id !== context.account) {
		throw resourceMissing('account', id, param);
	}
	return context.core.requireConnectedAccount(id, param);
}

/** Routes for accounts, the platform account, capabilities, external accounts, rejection and deletion. */
export const accountRoutes: RouteTable = {
	'GET /v1/account': ({ core, account, params }) =>
		present(core, core.account(account), params.expand),
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
		present(context.core, connectedAccountFromPath(context), context.params.expand),
	'POST /v1/accounts/{account}': (context) => {
		const account = connectedAccountFromPath(context);
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
		const account = connectedAccountFromPath(context);
		context.core.store.remove(context.core.platformAccountId, 'account', account.id);
		context.core.store.internals(account.id).deleted = true;
		return { id: account.id, object: 'account', deleted: true };
	},
	'POST /v1/accounts/{account}/reject': (context) => {
		const account = connectedAccountFromPath(context);
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
	'GET /v1/accounts/{account}/capabilities': (context) => {
		const account = connectedAccountFromPath(context);
		const names = Object.keys(account.capabilities as Record<string, string>).sort();
		return present(
			context.core,
			{
				object: 'list',
				data: names.map((name) => capabilityObject(context.core, account, name)),
				has_more: false,
				url: context.path,
			},
			context.params.expand,
		);
	},
	'GET /v1/accounts/{account}/capabilities/{capability}': (context) => {
		const account = connectedAccountFromPath(context);
		const name = context.pathParams.capability;
		if (!(name in (account.capabilities as Record<string, string>)))
			throw resourceMissing('capability', name, 'capability');
		return present(
			context.core,
			capabilityObject(context.core, account, name),
			context.params.expand,
		);
	},
	'POST /v1/accounts/{account}/capabilities/{capability}': (context) => {
		const account = connectedAccountFromPath(context);
		const name = context.pathParams.capability;
		const capabilities = account.capabilities as Record<string, string>;
		if (context.params.requested === true && capabilities[name] === undefined) {
			setCapabilities(context.core, account.id, { [name]: 'inactive' });
		} else if (context.params.requested === false && capabilities[name] !== undefined) {
			const previous = clone(capabilities);
			delete capabilities[name];
			refreshEnablement(account);
			emitEvent(context.core, {
				type: 'account.updated',
				object: account,
				account: account.id,
				previousAttributes: { capabilities: previous },
			});
		}
		return present(
			context.core,
			capabilityObject(context.core, account, name),
			context.params.expand,
		);
	},
	'GET /v1/accounts/{account}/external_accounts': (context) => {
		const account = connectedAccountFromPath(context);
		const objects = context.core.store.newestFirst(
			account.id,
			'bank_account',
			(external) =>
				context.params.object === undefined || external.object === context.params.object,
		);
		return paginate(context.core, objects, context.params, context.path, 'external account');
	},
	'GET /v1/accounts/{account}/external_accounts/{id}': (context) => {
		const account = connectedAccountFromPath(context);
		return present(
			context.core,
			context.core.require(account.id, 'bank_account', context.pathParams.id, 'external account'),
			context.params.expand,
		);
	},
};
