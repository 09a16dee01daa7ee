import { SandboxClock } from './clock';
import { resourceMissing, invalidRequest } from './errors';
import { IdGenerator } from './random';
import type { StripeObject } from './store';
import { ObjectStore } from './store';
import { WebhookDispatcher } from './webhooks';
import { TESTED_STRIPE_API_VERSION } from '../nodes/shared/stripeApi';

/** The API version the sandbox stamps on events and objects: the one the package is tested against. */
export const SANDBOX_API_VERSION = TESTED_STRIPE_API_VERSION;

/** The Connect application id of the sandbox platform (`application` fields). */
export const SANDBOX_APPLICATION_ID = 'ca_SandboxPlatformApplication01';

// One list of Stripe's zero-decimal currencies for the node's input checks and the sandbox's amounts.
export { ZERO_DECIMAL_CURRENCIES } from '../nodes/shared/validation';

/**
 * Everything a request handler or scenario builder works on: objects, clock, ids, and the webhook
 * dispatcher that delivers the events they cause (built here, with the store it reads endpoints from).
 */
export class SandboxCore {
	readonly store = new ObjectStore();
	readonly ids: IdGenerator;
	readonly clock: SandboxClock;
	readonly platformAccountId: string;
	/** Restricted keys (`rk_test_…`) and the permissions each one holds. */
	readonly restrictedKeys = new Map<string, Set<string>>();
	readonly webhooks: WebhookDispatcher;
	/** The API request being handled, stamped on the events it causes. */
	currentRequest: { id: string | null; idempotency_key: string | null } | undefined;

	constructor(options: { now?: number; idSeed?: number }) {
		this.ids = new IdGenerator(options.idSeed);
		this.clock = new SandboxClock(options.now);
		this.platformAccountId = this.ids.next('acct', 16);
		this.webhooks = new WebhookDispatcher(this.store, this.platformAccountId);
	}

	/** The sandbox clock in unix seconds. */
	now(): number {
		return this.clock.now();
	}

	/** The platform or a connected account object, or undefined. */
	account(id: string): StripeObject | undefined {
		if (id === this.platformAccountId) return this.store.get(id, 'platform_account', id);
		return this.store.get(this.platformAccountId, 'account', id);
	}

	/** A connected account by id, or the 404 Stripe answers. */
	requireConnectedAccount(id: string, param = 'account'): StripeObject {
		const account = id === this.platformAccountId ? undefined : this.account(id);
		if (!account) throw resourceMissing('account', id, param);
		return account;
	}

	/**
	 * The connected account a request path names (`/v1/accounts/{account}/…`), as the account the
	 * request acts as sees it: the platform sees all of its connected accounts, a connected account
	 * only itself.
	 */
	requireAccountInPath(request: {
		pathParams: Record<string, string>;
		account: string;
	}): StripeObject {
		const id = request.pathParams.account;
		if (request.account !== this.platformAccountId && request.account !== id) {
			throw resourceMissing('account', id, 'account');
		}
		return this.requireConnectedAccount(id);
	}

	/** An object of a kind on an account, or Stripe's 404 naming it. */
	require(
		account: string,
		kind: string,
		id: string,
		noun = kind.replace(/_/g, ' '),
		param = 'id',
	): StripeObject {
		const object = this.store.get(account, kind, id);
		if (!object) throw resourceMissing(noun, id, param);
		return object;
	}
}

/** The amount if it is a positive integer; otherwise the 400 Stripe gives for a missing or non-positive amount. */
export function requirePositiveAmount(amount: unknown, param = 'amount'): number {
	if (typeof amount !== 'number' || !Number.isInteger(amount)) {
		throw invalidRequest(`Missing required param: ${param}.`, 'parameter_missing', param);
	}
	if (amount <= 0) {
		throw invalidRequest(`Invalid positive integer`, 'parameter_invalid_integer', param);
	}
	return amount;
}

/** Metadata after applying a form update: `''` clears all, a key set to `''` is removed. */
export function mergeMetadata(current: unknown, update: unknown): Record<string, string> {
	if (update === undefined) return { ...((current as Record<string, string>) ?? {}) };
	if (update === '') return {};
	const merged: Record<string, string> = { ...((current as Record<string, string>) ?? {}) };
	for (const [key, value] of Object.entries(update as Record<string, string>)) {
		if (value === '') delete merged[key];
		else merged[key] = String(value);
	}
	return merged;
}

/** A deep copy that shares nothing with the stored object. */
export function clone<T>(value: T): T {
	return structuredClone(value);
}
