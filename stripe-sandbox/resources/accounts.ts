import type { SandboxCore } from '../core';
import { clone, mergeMetadata } from '../core';
import { invalidRequest, missingReference } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { listFilter } from '../listFilters';
import { paginate } from '../pagination';
import type { StripeObject } from '../store';
import type { Params, RouteTable } from '../types';
import { createConnectedAccount, refreshEnablement } from './connectedAccount';
import type { AccountKind, CapabilityStatus } from './connectedAccount';

/**
 * What a platform's rejection (`POST /v1/accounts/{id}/reject`, `reason`) reads as in
 * `requirements.disabled_reason`. Since 2026-09-30.endive a platform-initiated rejection has its own
 * values (`rejected.platform_fraud`, `…_terms_of_service`, `…_other`; `rejected.fraud` and the like
 * are Stripe's own rejections), and the four fraud reasons replace the old `fraud`. `credit` has no
 * value of its own among the pinned version's disabled reasons, so it reads as `rejected.platform_other`.
 */
export const PLATFORM_REJECTION_DISABLED_REASONS: Record<string, string> = {
	fraud_payment_method_casher: 'rejected.platform_fraud',
	fraud_payment_method_tester: 'rejected.platform_fraud',
	fraud_no_intent_to_fulfill: 'rejected.platform_fraud',
	fraud_other: 'rejected.platform_fraud',
	terms_of_service: 'rejected.platform_terms_of_service',
	credit: 'rejected.platform_other',
	other: 'rejected.platform_other',
};

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

/** Records `account.updated` for a change to an account, with the fields as they were before it. */
function announceAccountUpdate(
	core: SandboxCore,
	account: StripeObject,
	previous: Record<string, unknown>,
): void {
	emitEvent(core, {
		type: 'account.updated',
		object: account,
		account: account.id,
		previousAttributes: previous,
	});
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
		if (Object.keys(previous).length > 0) announceAccountUpdate(context.core, account, previous);
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
		const disabledReason = PLATFORM_REJECTION_DISABLED_REASONS[String(context.params.reason)];
		// The validator admits only the pinned version's reasons; a reason a newer SDK adds must be mapped.
		if (!disabledReason) {
			throw new Error(
				`No disabled_reason is mapped for reject reason ${String(context.params.reason)}`,
			);
		}
		(account.requirements as Record<string, unknown>).disabled_reason = disabledReason;
		context.core.store.internals(account.id).payoutsKeptOnRejection =
			context.params.payouts_action === 'none';
		refreshEnablement(context.core, account);
		announceAccountUpdate(context.core, account, previous);
		return present(context.core, account, context.params.expand);
	},
};
