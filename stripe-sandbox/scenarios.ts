import type Stripe from 'stripe';
import type { SandboxCore } from './core';
import { clone } from './core';
import type { EventRequest } from './events';
import { emitEvent } from './events';
import { createConnectedAccount } from './resources/connectedAccount';
import type { CapabilityStatus, ConnectedAccountInput } from './resources/connectedAccount';
import { createV2Account } from './resources/v2/accounts';
import { setCapabilities } from './resources/capabilities';
import { addBalanceTransaction } from './resources/balanceTransactions';
import { createCharge } from './resources/charges';
import type { DisputeReason } from './resources/disputes';
import { closeDispute, createDispute, openDisputeAppeal } from './resources/disputes';
import { createPaymentIntent } from './resources/paymentIntents';
import { createPayout } from './resources/payouts';
import { runScheduledPayouts } from './resources/payoutSchedule';
import { createRefund } from './resources/refunds';
import type {
	AutomaticPayoutInput,
	ManualPayoutInput,
	ScenarioPaymentIntentInput,
} from './scenarioInputs';
import type { StripeObject } from './store';
import { activateEventBridgeSource } from './resources/v2/eventDestinations';
import { completeOnboarding } from './resources/v2/accountOnboarding';
import { validateStripeRequest } from './validation/validateRequest';
import { ACCOUNT_INCLUDES, renderAccount, requireV2Account } from './resources/v2/accountState';

const SOURCE_PREFIXES: Record<string, string> = {
	charge: 'ch',
	refund: 're',
	application_fee: 'fee',
	application_fee_refund: 'fr',
	payment: 'py',
	payment_refund: 'pyr',
	transfer: 'tr',
	dispute: 'du',
	adjustment: 'ia',
};

/** Scenario builders: change sandbox state directly, without HTTP and without the request log. */
export class ScenarioBuilders {
	constructor(private readonly core: SandboxCore) {}

	/** A connected account; capabilities default to card_payments and transfers active. */
	createConnectedAccount(input: ConnectedAccountInput = {}): Stripe.Account {
		return clone(createConnectedAccount(this.core, input)) as unknown as Stripe.Account;
	}

	/** Changes capability statuses (e.g. transfers → inactive) and emits capability/account events. */
	setCapabilities(account: string, capabilities: Record<string, CapabilityStatus>): Stripe.Account {
		return clone(setCapabilities(this.core, account, capabilities)) as unknown as Stripe.Account;
	}

	/** Adds funds to an account (the platform by default) as an adjustment balance transaction. */
	fundBalance(input: {
		account?: string;
		currency: string;
		amount: number;
		pending?: boolean;
		available_on?: number;
	}): Stripe.BalanceTransaction {
		const account = input.account ?? this.core.platformAccountId;
		if (!this.core.account(account)) this.core.requireConnectedAccount(account);
		return clone(
			addBalanceTransaction(this.core, account, {
				amount: input.amount,
				currency: input.currency.toLowerCase(),
				type: 'adjustment',
				description: 'Sandbox funding',
				source: this.core.ids.next('ia'),
				status: input.pending ? 'pending' : 'available',
				available_on: input.available_on,
			}),
		) as unknown as Stripe.BalanceTransaction;
	}

	/**
	 * Runs the payout schedule now, as Stripe's daily run does: for each connected account (or the one
	 * given) not on a manual schedule, one automatic payout per currency of the available funds not yet
	 * paid out, linked to those transactions; `payout.created` is emitted. Advance time to settle them.
	 */
	runAutomaticPayouts(account?: string): Stripe.Payout[] {
		const core = this.core;
		const accounts = account
			? [core.requireConnectedAccount(account)]
			: core.store.list(core.platformAccountId, 'account');
		return clone(
			accounts.flatMap((item) => runScheduledPayouts(core, item)),
		) as unknown as Stripe.Payout[];
	}

	/**
	 * An automatic payout with its linked balance transactions and its own `payout` transaction;
	 * the payout amount is the net of the transactions plus `mismatchBy`.
	 */
	createAutomaticPayout(input: AutomaticPayoutInput): Stripe.Payout {
		const core = this.core;
		core.requireConnectedAccount(input.account);
		const currency = input.currency.toLowerCase();
		const created = input.created ?? core.now();
		const transactions = input.transactions ?? [
			{ type: 'charge', amount: input.amount ?? 10_000, fee: 0 },
		];
		const linked = transactions.map((transaction, index) =>
			addBalanceTransaction(core, input.account, {
				amount: transaction.amount,
				fee: transaction.fee ?? 0,
				currency,
				type: transaction.type,
				description: transaction.description ?? null,
				source: core.ids.next(SOURCE_PREFIXES[transaction.type] ?? 'txs'),
				created: created - 86400 * 2 - (transactions.length - index),
			}),
		);
		const net = linked.reduce((sum, transaction) => sum + Number(transaction.net), 0);
		const status = input.status ?? 'paid';
		const payout = createPayout(core, input.account, {
			amount: net + (input.mismatchBy ?? 0),
			currency,
			automatic: true,
			status,
			created,
			arrival_date: input.arrival_date ?? created + 86400,
			reconciliation_status: input.reconciliation_status,
			metadata: input.metadata,
			failure_code:
				input.willFail || status === 'failed'
					? (input.failure_code ?? 'could_not_process')
					: undefined,
		});
		for (const transaction of linked) core.store.internals(transaction.id).payout = payout.id;
		return clone(payout) as unknown as Stripe.Payout;
	}

	/** A manual payout (standard or instant); reconciliation_status is not_applicable. */
	createManualPayout(input: ManualPayoutInput): Stripe.Payout {
		const core = this.core;
		if (input.account !== core.platformAccountId) core.requireConnectedAccount(input.account);
		const status = input.status ?? 'paid';
		const payout = createPayout(core, input.account, {
			amount: input.amount,
			currency: input.currency.toLowerCase(),
			method: input.method ?? 'standard',
			status,
			created: input.created,
			arrival_date: input.arrival_date,
			metadata: input.metadata,
			failure_code:
				status === 'failed' ? (input.failure_code ?? 'could_not_process') : input.failure_code,
		});
		return clone(payout) as unknown as Stripe.Payout;
	}

	/** Limits how a connected account's bank account can be paid out to, e.g. `['standard']` (no instant payouts). */
	setPayoutMethods(account: string, methods: Array<'standard' | 'instant'>): void {
		for (const bankAccount of this.core.store.list(account, 'bank_account')) {
			bankAccount.available_payout_methods = [...methods];
		}
	}

	/** Records an event and queues its deliveries (await `flushDeliveries()` to wait for them). */
	emitEvent(input: {
		type: string;
		object: StripeObject | Record<string, unknown>;
		account?: string;
		previousAttributes?: Record<string, unknown>;
		request?: EventRequest;
	}): Stripe.Event {
		return clone(emitEvent(this.core, input)) as unknown as Stripe.Event;
	}

	/**
	 * A payment intent, by default a succeeded destination charge on the platform: with
	 * `transfer_data.destination` the transfer follows, with `application_fee_amount` the fee.
	 * `created` may lie in the past; funds become available two days after it.
	 */
	createPaymentIntent(input: ScenarioPaymentIntentInput): Stripe.PaymentIntent {
		const core = this.core;
		const account = input.account ?? core.platformAccountId;
		const status = input.status ?? 'succeeded';
		const intent = createPaymentIntent(core, account, {
			...input,
			currency: input.currency.toLowerCase(),
			capture_method:
				input.capture_method ?? (status === 'requires_capture' ? 'manual' : 'automatic'),
		});
		if (status === 'succeeded' || status === 'requires_capture') {
			const charge = createCharge(core, {
				amount: input.amount,
				currency: String(intent.currency),
				account,
				payment_intent: intent.id,
				payment_method: core.ids.next('pm'),
				customer: input.customer ?? null,
				description: input.description ?? null,
				metadata: input.metadata,
				application_fee_amount: input.application_fee_amount ?? null,
				transfer_data: input.transfer_data ?? null,
				transfer_group: input.transfer_group ?? null,
				on_behalf_of: input.on_behalf_of ?? null,
				captured: status === 'succeeded',
				bypassPending: input.bypassPending,
				created: Number(intent.created),
			});
			intent.latest_charge = charge.id;
			intent.payment_method = charge.payment_method;
			intent.status = status;
			if (status === 'succeeded') {
				intent.amount_received = input.amount;
				if (!intent.transfer_group && charge.transfer_group)
					intent.transfer_group = charge.transfer_group;
				emitEvent(core, {
					type: 'payment_intent.succeeded',
					object: intent,
					account,
				});
			} else {
				intent.amount_capturable = input.amount;
			}
		} else if (status === 'canceled') {
			intent.status = 'canceled';
			intent.canceled_at = intent.created;
		}
		return clone(intent) as unknown as Stripe.PaymentIntent;
	}

	/** Refunds a succeeded payment intent (all or `amount`), optionally reversing transfer and fee. */
	createRefund(input: {
		payment_intent: string;
		amount?: number;
		account?: string;
		reason?: string;
		reverse_transfer?: boolean;
		refund_application_fee?: boolean;
		metadata?: Record<string, string>;
	}): Stripe.Refund {
		const account =
			input.account ??
			this.core.store.accountOf(input.payment_intent) ??
			this.core.platformAccountId;
		return clone(createRefund(this.core, account, input)) as unknown as Stripe.Refund;
	}

	/** Opens a dispute on a payment intent's charge or on a charge, where that charge lives. */
	createDispute(input: {
		payment_intent?: string;
		charge?: string;
		account?: string;
		reason?: DisputeReason;
		amount?: number;
	}): Stripe.Dispute {
		const core = this.core;
		let charge = input.charge;
		if (!charge && input.payment_intent) {
			charge = core.store.find(input.payment_intent)?.object.latest_charge as string | undefined;
		}
		if (!charge)
			throw new Error('createDispute needs a charge or a payment_intent that has a charge');
		const dispute = createDispute(core, {
			charge,
			account: input.account,
			reason: input.reason,
			amount: input.amount,
		});
		return clone(dispute) as unknown as Stripe.Dispute;
	}

	/** Closes a dispute as won (funds reinstated) or lost. */
	closeDispute(disputeId: string, outcome: 'won' | 'lost'): Stripe.Dispute {
		const { account, object } = this.storedDispute(disputeId, 'closeDispute');
		return clone(closeDispute(this.core, account, object, outcome)) as unknown as Stripe.Dispute;
	}

	/** Moves a dispute under review or lost into its appeal stage (`appeal_needs_response`). */
	openDisputeAppeal(disputeId: string): Stripe.Dispute {
		const { account, object } = this.storedDispute(disputeId, 'openDisputeAppeal');
		return clone(openDisputeAppeal(this.core, account, object)) as unknown as Stripe.Dispute;
	}

	private storedDispute(disputeId: string, caller: string) {
		const found = this.core.store.find(disputeId);
		if (!found || found.kind !== 'dispute') throw new Error(`${caller}: no dispute ${disputeId}`);
		return found;
	}

	/** A copy of every object of a kind (`payout`, `balance_transaction`, …) on an account, newest first. */
	listObjects(kind: string, account?: string): StripeObject[] {
		return clone(this.core.store.list(account ?? this.core.platformAccountId, kind));
	}

	/** A copy of any object by id. */
	getObject(id: string): StripeObject | undefined {
		const found = this.core.store.find(id);
		return found ? clone(found.object) : undefined;
	}

	/**
	 * A v2 Account made as `POST /v2/core/accounts` makes it (same checks, same events), returned with
	 * every include-dependent hash filled in.
	 */
	createV2Account(params: Stripe.V2.Core.AccountCreateParams): Stripe.V2.Core.Account {
		const body = structuredClone(params) as Record<string, unknown>;
		// The endpoint's handler trusts the validator for types, enums and unknown fields.
		validateStripeRequest('POST', '/v2/core/accounts', body);
		const { account, state } = createV2Account(this.core, body);
		return renderAccount(account, state, ACCOUNT_INCLUDES) as unknown as Stripe.V2.Core.Account;
	}

	/**
	 * The account holder finishes hosted onboarding: requested capabilities become active and the v2
	 * events follow (`v2.core.account_link.returned` first, when an account link was made).
	 */
	completeAccountOnboarding(accountId: string): Stripe.V2.Core.Account {
		completeOnboarding(this.core, accountId);
		const { account, state } = requireV2Account(this.core, accountId, 'account');
		return renderAccount(account, state, ACCOUNT_INCLUDES) as unknown as Stripe.V2.Core.Account;
	}

	/**
	 * Associates an EventBridge destination's partner event source with an event bus (as the AWS
	 * console does): its status becomes `active` and events start flowing to the EventBridge endpoint.
	 */
	activateEventBridgeSource(destinationId: string): void {
		activateEventBridgeSource(this.core, destinationId);
	}

	/** Registers a restricted key (`rk_test_…`) holding permissions such as 'balance_read' or 'payouts_write'. */
	createRestrictedKey(permissions: string[]): string {
		const key = `rk_test_${this.core.ids.token(32)}`;
		this.core.restrictedKeys.set(key, new Set(permissions));
		return key;
	}
}
