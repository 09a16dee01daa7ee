import type { SandboxCore } from '../core';
import { clone } from '../core';
import { resourceMissing } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import type { StripeObject } from '../store';
import type { RouteTable } from '../types';
import { refreshEnablement } from './connectedAccount';
import type { CapabilityStatus } from './connectedAccount';
import { announceCapabilityChanges, statusesBeforeChange } from './v2/accountState';

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

/**
 * Sets capability statuses and emits account.updated and capability.updated like Stripe does; for
 * a v2 Account also the v2 capability and requirements events (unless the caller announces them).
 */
export function setCapabilities(
	core: SandboxCore,
	accountId: string,
	statuses: Record<string, CapabilityStatus>,
	options: { announceV2?: boolean } = {},
): StripeObject {
	const account = core.requireConnectedAccount(accountId);
	const v2Before = options.announceV2 === false ? undefined : statusesBeforeChange(core, account);
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
	refreshEnablement(core, account);
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
	announceCapabilityChanges(core, account, v2Before);
	return account;
}

/** Routes for a connected account's capabilities: list, read, request or unrequest one. */
export const capabilityRoutes: RouteTable = {
	'GET /v1/accounts/{account}/capabilities': (context) => {
		const account = context.core.requireAccountInPath(context);
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
		const account = context.core.requireAccountInPath(context);
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
		const account = context.core.requireAccountInPath(context);
		const name = context.pathParams.capability;
		const capabilities = account.capabilities as Record<string, string>;
		if (context.params.requested === true && capabilities[name] === undefined) {
			setCapabilities(context.core, account.id, { [name]: 'inactive' });
		} else if (context.params.requested === false && capabilities[name] !== undefined) {
			const previous = clone(capabilities);
			delete capabilities[name];
			refreshEnablement(context.core, account);
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
};
