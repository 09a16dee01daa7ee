import type { MinimumAmounts } from '../shared/config';
import type { JobEvent, JobEventDetail } from '../shared/eventPublisher';
import { digestOf } from '../shared/eventKey';
import type { PayPeriod } from './period';

/** EventBridge source of every tip event. */
export const TIPS_SOURCE = 'stripe-connect.tips';

/** The detail-types this job publishes, exactly as consumers match them. */
export const TIPS_DETAIL_TYPES = {
	created: 'Tip Transfer Created',
	planned: 'Tip Transfer Planned',
	skipped: 'Tip Transfer Skipped',
	failed: 'Tip Transfer Failed',
	completed: 'Tip Batch Completed',
} as const;

/** The payment intent fields tip aggregation reads (a Stripe.PaymentIntent with latest_charge expanded satisfies it). */
export interface PaymentIntentRecord {
	id: string;
	status: string;
	amount: number;
	amount_received: number;
	currency: string;
	created: number;
	metadata: Record<string, string> | null;
	latest_charge: string | { id: string; amount: number; amount_refunded: number } | null;
}

/** Where the tip lives in payment intent metadata. */
export interface TipMetadataKeys {
	amount: string;
	recipient: string;
}

/** The tips owed to one recipient in one currency. */
export interface TipGroup {
	recipient: string;
	currency: string;
	amount: number;
	tipCount: number;
	/** Tips reduced by refunds (fully refunded payments count here, with nothing to pay). */
	refundedTips: number;
}

/** A payment whose tip metadata cannot be used, and what to fix. */
export interface InvalidTip {
	paymentIntent: string;
	currency: string;
	field: string;
	message: string;
}

/** The result of reading a period's payments. */
export interface TipAggregation {
	groups: TipGroup[];
	invalid: InvalidTip[];
	paymentsScanned: number;
}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;
const MINOR_UNITS = /^\d+$/;

/** Tips, and transfers, are kept apart per recipient and currency. */
function recipientCurrencyKey(recipient: string, currency: string): string {
	return `${recipient}\u0000${currency}`;
}

/** The tip left after refunds: reduced by the refunded share of the payment, never below zero. */
export function tipAfterRefunds(tip: number, paid: number, refunded: number): number {
	if (paid <= 0 || refunded >= paid) return 0;
	if (refunded <= 0) return tip;
	// Integer arithmetic: round the remaining tip down, so a refund never leaves more tip than paid.
	return Number((BigInt(tip) * BigInt(paid - refunded)) / BigInt(paid));
}

/**
 * Sums the tips of succeeded payments by recipient and currency. Payments without tip metadata are
 * not tips; payments with unusable metadata are reported, never guessed at.
 */
export function aggregateTips(
	paymentIntents: PaymentIntentRecord[],
	keys: TipMetadataKeys,
	period: Pick<PayPeriod, 'start' | 'end'>,
): TipAggregation {
	const groups = new Map<string, TipGroup>();
	const invalid: InvalidTip[] = [];
	let paymentsScanned = 0;
	for (const intent of paymentIntents) {
		if (
			intent.status !== 'succeeded' ||
			intent.created < period.start ||
			intent.created >= period.end
		) {
			continue;
		}
		paymentsScanned++;
		const rawAmount = intent.metadata?.[keys.amount];
		const rawRecipient = intent.metadata?.[keys.recipient];
		if (rawAmount === undefined && rawRecipient === undefined) continue;
		const reject = (field: string, message: string) =>
			invalid.push({ paymentIntent: intent.id, currency: intent.currency, field, message });
		if (rawRecipient === undefined || !ACCOUNT_ID.test(rawRecipient)) {
			reject(
				`metadata.${keys.recipient}`,
				rawRecipient === undefined
					? `has a tip amount but no metadata.${keys.recipient}. Set it to the connected account id (acct_…) that earned the tip.`
					: `"${rawRecipient}" is not a connected account id. Set it to an id like acct_1Nv0FGQ9RKHgCVdK.`,
			);
			continue;
		}
		if (
			rawAmount === undefined ||
			!MINOR_UNITS.test(rawAmount) ||
			!Number.isSafeInteger(Number(rawAmount))
		) {
			reject(
				`metadata.${keys.amount}`,
				rawAmount === undefined
					? `names a recipient but has no metadata.${keys.amount}. Set it to the tip in the currency's smallest unit (250 = 2.50 USD, 300 = 300 JPY).`
					: `"${rawAmount}" is not a whole number of minor units. Set it to the tip in the currency's smallest unit (250 = 2.50 USD, 300 = 300 JPY).`,
			);
			continue;
		}
		const tip = Number(rawAmount);
		const paid = intent.amount_received > 0 ? intent.amount_received : intent.amount;
		if (tip > paid) {
			reject(
				`metadata.${keys.amount}`,
				`${tip} is more than the payment itself (${paid}). The tip must be part of the amount paid, in minor units.`,
			);
			continue;
		}
		const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
		const refunded = charge?.amount_refunded ?? 0;
		const owed = tipAfterRefunds(tip, charge?.amount ?? paid, refunded);
		const key = recipientCurrencyKey(rawRecipient, intent.currency);
		const group = groups.get(key) ?? {
			recipient: rawRecipient,
			currency: intent.currency,
			amount: 0,
			tipCount: 0,
			refundedTips: 0,
		};
		group.amount += owed;
		group.tipCount++;
		if (owed < tip) group.refundedTips++;
		groups.set(key, group);
	}
	const sorted = [...groups.values()].sort(
		(a, b) => a.currency.localeCompare(b.currency) || a.recipient.localeCompare(b.recipient),
	);
	return { groups: sorted, invalid, paymentsScanned };
}

/** The transfer group that ties a period's tip transfers together (and finds them again). */
export function transferGroupOf(periodId: string): string {
	return `tips-${periodId}`;
}

/**
 * The Idempotency-Key of a recipient's transfer for a period and currency. Attempt 1 is the plain
 * key; a later attempt (chosen by the operator after fixing what made Stripe refuse, since Stripe
 * replays a stored refusal for 24 hours) gets its own key. The transfer-group look-up still guards
 * against paying twice, whatever the attempt.
 */
export function idempotencyKeyOf(
	periodId: string,
	recipient: string,
	currency: string,
	attempt = 1,
): string {
	const key = `tips-${periodId}-${recipient}-${currency}`;
	return attempt === 1 ? key : `${key}-attempt-${attempt}`;
}

/** An existing transfer of the period's group (a Stripe.Transfer satisfies it). */
export interface TransferRecord {
	id: string;
	amount: number;
	currency: string;
	destination: string | { id: string } | null;
	transfer_group: string | null;
	metadata?: Record<string, string> | null;
}

/** What the job knows about a recipient's account; null when it is not a connected account. */
export interface RecipientAccount {
	id: string;
	transfersCapability: string | undefined;
}

/** Why a recipient is not paid. */
export type SkipReason =
	| 'below_minimum'
	| 'transfers_capability_inactive'
	| 'not_connected_account'
	| 'invalid_tip_metadata';

/** The parameters of the transfer to create, exactly as sent to Stripe. */
export interface TransferParams {
	amount: number;
	currency: string;
	destination: string;
	transfer_group: string;
	description: string;
	metadata: Record<string, string>;
}

/** What the job decided for one recipient and currency. */
export type TipDecision =
	| { kind: 'transfer'; group: TipGroup; params: TransferParams; idempotencyKey: string }
	| { kind: 'already_transferred'; group: TipGroup; transfer: TransferRecord }
	| {
			kind: 'skip';
			group: TipGroup;
			reason: Exclude<SkipReason, 'invalid_tip_metadata'>;
			message: string;
	  };

function idOf(reference: string | { id: string } | null): string | undefined {
	return reference === null ? undefined : typeof reference === 'string' ? reference : reference.id;
}

/** The minimum transfer for a currency. */
export function minimumFor(minimums: MinimumAmounts, currency: string): number {
	return minimums.byCurrency[currency] ?? minimums.fallback;
}

/** Indexes a period's existing transfers by recipient and currency. */
export function indexExistingTransfers(
	transfers: TransferRecord[],
	transferGroup: string,
): Map<string, TransferRecord> {
	const index = new Map<string, TransferRecord>();
	for (const transfer of transfers) {
		const destination = idOf(transfer.destination);
		if (transfer.transfer_group !== transferGroup || destination === undefined) continue;
		const key = recipientCurrencyKey(destination, transfer.currency);
		if (!index.has(key)) index.set(key, transfer);
	}
	return index;
}

/** Recipients whose account must be looked up: not yet paid and at or above the minimum. */
export function recipientsToCheck(
	groups: TipGroup[],
	existing: Map<string, TransferRecord>,
	minimums: MinimumAmounts,
): string[] {
	const recipients = groups
		.filter(
			(group) =>
				!existing.has(recipientCurrencyKey(group.recipient, group.currency)) &&
				group.amount >= minimumFor(minimums, group.currency) &&
				group.amount > 0,
		)
		.map((group) => group.recipient);
	return [...new Set(recipients)];
}

/**
 * Decides every recipient's transfer: already paid (found in the period's group), skipped with a
 * reason, or to transfer with deterministic parameters and Idempotency-Key.
 */
export function planTipTransfers(input: {
	periodId: string;
	/** 1 unless the operator re-runs refused transfers deliberately (see idempotencyKeyOf). */
	attempt?: number;
	groups: TipGroup[];
	existing: Map<string, TransferRecord>;
	accounts: Map<string, RecipientAccount | null>;
	minimums: MinimumAmounts;
}): TipDecision[] {
	const transferGroup = transferGroupOf(input.periodId);
	return input.groups.map((group): TipDecision => {
		const existing = input.existing.get(recipientCurrencyKey(group.recipient, group.currency));
		if (existing) return { kind: 'already_transferred', group, transfer: existing };
		const minimum = minimumFor(input.minimums, group.currency);
		if (group.amount < minimum || group.amount <= 0) {
			return {
				kind: 'skip',
				group,
				reason: 'below_minimum',
				message: `${group.amount} is below the minimum transfer of ${minimum} ${group.currency} (TIPS_MINIMUM_AMOUNT); the tips stay unpaid for this period.`,
			};
		}
		const account = input.accounts.get(group.recipient);
		if (account === undefined || account === null) {
			return {
				kind: 'skip',
				group,
				reason: 'not_connected_account',
				message: `${group.recipient} is not a connected account of this platform; check metadata.tip_recipient on its payments.`,
			};
		}
		if (account.transfersCapability !== 'active') {
			return {
				kind: 'skip',
				group,
				reason: 'transfers_capability_inactive',
				message: `The transfers capability of ${group.recipient} is ${account.transfersCapability ?? 'not requested'}; it must be active to receive transfers.`,
			};
		}
		return {
			kind: 'transfer',
			group,
			idempotencyKey: idempotencyKeyOf(
				input.periodId,
				group.recipient,
				group.currency,
				input.attempt,
			),
			params: {
				amount: group.amount,
				currency: group.currency,
				destination: group.recipient,
				transfer_group: transferGroup,
				description: `Tips for ${input.periodId} (${group.tipCount} ${group.tipCount === 1 ? 'tip' : 'tips'})`,
				metadata: {
					tip_period: input.periodId,
					tip_count: String(group.tipCount),
				},
			},
		};
	});
}

/** How a planned transfer ended. */
export type TransferResult =
	| { kind: 'created'; transfer: TransferRecord }
	| {
			kind: 'failed';
			code: string | undefined;
			message: string;
			requestId: string | undefined;
			statusCode: number | undefined;
			/** True when Stripe may have created it (5xx after execution, timeout): the next run will know. */
			outcomeUnknown: boolean;
			/** Stripe replayed a refusal stored for this Idempotency-Key by an earlier run. */
			replayed: boolean;
	  }
	| { kind: 'not_reached' };

/**
 * An event about one recipient's transfer for the period. Its eventKey names the recipient, the
 * currency and the outcome, so every run that reaches the same outcome announces it with the same key.
 */
function recipientEvent(
	outcome: 'created' | 'planned' | 'skipped' | 'failed',
	periodId: string,
	group: TipGroup,
	detail: Pick<JobEventDetail, 'amount' | 'currency'> & Record<string, unknown>,
): JobEvent {
	return {
		source: TIPS_SOURCE,
		detailType: TIPS_DETAIL_TYPES[outcome],
		detail: {
			eventKey: `tips:${periodId}:${group.recipient}:${group.currency}:${outcome}`,
			account: group.recipient,
			payout: null,
			...detail,
		},
	};
}

/** Tip Transfer Created: the same eventKey whether this run created it or found it already made. */
export function buildTransferCreatedEvent(
	periodId: string,
	group: TipGroup,
	transfer: TransferRecord,
	foundExisting: boolean,
): JobEvent {
	return recipientEvent('created', periodId, group, {
		amount: transfer.amount,
		currency: transfer.currency,
		transfer: transfer.id,
		transferGroup: transferGroupOf(periodId),
		period: periodId,
		tipCount: group.tipCount,
		foundExisting,
	});
}

/** Tip Transfer Planned (dry run): what would be sent, and its Idempotency-Key. */
export function buildTransferPlannedEvent(
	periodId: string,
	decision: Extract<TipDecision, { kind: 'transfer' }>,
): JobEvent {
	return recipientEvent('planned', periodId, decision.group, {
		amount: decision.params.amount,
		currency: decision.params.currency,
		transferGroup: decision.params.transfer_group,
		period: periodId,
		tipCount: decision.group.tipCount,
		idempotencyKey: decision.idempotencyKey,
	});
}

/** Tip Transfer Skipped for a recipient. */
export function buildTransferSkippedEvent(
	periodId: string,
	decision: Extract<TipDecision, { kind: 'skip' }>,
): JobEvent {
	return recipientEvent('skipped', periodId, decision.group, {
		amount: decision.group.amount,
		currency: decision.group.currency,
		period: periodId,
		tipCount: decision.group.tipCount,
		reason: decision.reason,
		message: decision.message,
	});
}

/** Tip Transfer Skipped for a payment whose tip metadata is unusable. */
export function buildInvalidTipEvent(periodId: string, invalid: InvalidTip): JobEvent {
	return {
		source: TIPS_SOURCE,
		detailType: TIPS_DETAIL_TYPES.skipped,
		detail: {
			eventKey: `tips:${periodId}:invalid:${invalid.paymentIntent}`,
			account: null,
			payout: null,
			amount: null,
			currency: invalid.currency,
			period: periodId,
			paymentIntent: invalid.paymentIntent,
			reason: 'invalid_tip_metadata',
			field: invalid.field,
			message: `${invalid.field} ${invalid.message}`,
		},
	};
}

/** Tip Transfer Failed, with Stripe's reason. */
export function buildTransferFailedEvent(
	periodId: string,
	decision: Extract<TipDecision, { kind: 'transfer' }>,
	failure: Extract<TransferResult, { kind: 'failed' }>,
): JobEvent {
	return recipientEvent('failed', periodId, decision.group, {
		amount: decision.params.amount,
		currency: decision.params.currency,
		transferGroup: decision.params.transfer_group,
		period: periodId,
		tipCount: decision.group.tipCount,
		failureCode: failure.code ?? null,
		failureMessage: failure.message,
		stripeRequestId: failure.requestId ?? null,
		outcomeUnknown: failure.outcomeUnknown,
		replayedFromEarlierRun: failure.replayed,
		idempotencyKey: decision.idempotencyKey,
	});
}

type CurrencyTotals = {
	transferred: number;
	planned: number;
	skipped: number;
	failed: number;
	notReached: number;
};

/** The counters of a tip run. */
export interface TipBatchSummary {
	period: string;
	periodStart: string;
	periodEnd: string;
	timeZone: string;
	dryRun: boolean;
	paymentsScanned: number;
	recipients: number;
	counts: {
		created: number;
		alreadyTransferred: number;
		planned: number;
		skipped: Partial<Record<SkipReason, number>>;
		failed: number;
		notReached: number;
	};
	totalsByCurrency: Record<string, CurrencyTotals>;
	notReached: Array<{ account: string; currency: string; amount: number }>;
}

/** How many recipients and payments a run skipped, whatever the reason. */
export function countSkipped(summary: TipBatchSummary): number {
	return Object.values(summary.counts.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
}

/** One decision and how it ended, for the summary. */
export interface SettledDecision {
	decision: TipDecision;
	result?: TransferResult;
}

/** Builds the run's counters from its decisions and results (pure). */
export function summarizeTipRun(input: {
	period: PayPeriod;
	dryRun: boolean;
	aggregation: TipAggregation;
	settled: SettledDecision[];
}): TipBatchSummary {
	const summary: TipBatchSummary = {
		period: input.period.id,
		periodStart: new Date(input.period.start * 1000).toISOString(),
		periodEnd: new Date(input.period.end * 1000).toISOString(),
		timeZone: input.period.timeZone,
		dryRun: input.dryRun,
		paymentsScanned: input.aggregation.paymentsScanned,
		recipients: new Set(input.aggregation.groups.map((group) => group.recipient)).size,
		counts: {
			created: 0,
			alreadyTransferred: 0,
			planned: 0,
			skipped: {},
			failed: 0,
			notReached: 0,
		},
		totalsByCurrency: {},
		notReached: [],
	};
	const totals = (currency: string) =>
		(summary.totalsByCurrency[currency] ??= {
			transferred: 0,
			planned: 0,
			skipped: 0,
			failed: 0,
			notReached: 0,
		});
	const skip = (reason: SkipReason) => {
		summary.counts.skipped[reason] = (summary.counts.skipped[reason] ?? 0) + 1;
	};
	for (const invalid of input.aggregation.invalid) {
		skip('invalid_tip_metadata');
		totals(invalid.currency);
	}
	for (const { decision, result } of input.settled) {
		const { group } = decision;
		if (decision.kind === 'already_transferred') {
			summary.counts.alreadyTransferred++;
			totals(decision.transfer.currency).transferred += decision.transfer.amount;
		} else if (decision.kind === 'skip') {
			skip(decision.reason);
			totals(group.currency).skipped += group.amount;
		} else if (result === undefined) {
			summary.counts.planned++;
			totals(group.currency).planned += group.amount;
		} else if (result.kind === 'created') {
			summary.counts.created++;
			totals(group.currency).transferred += result.transfer.amount;
		} else if (result.kind === 'failed') {
			summary.counts.failed++;
			totals(group.currency).failed += group.amount;
		} else {
			summary.counts.notReached++;
			totals(group.currency).notReached += group.amount;
			summary.notReached.push({
				account: group.recipient,
				currency: group.currency,
				amount: group.amount,
			});
		}
	}
	return summary;
}

/**
 * The one Tip Batch Completed event of a run. Its eventKey depends on the period and the results,
 * so the summary of a re-run that completed the batch is not dropped as a duplicate.
 */
export function buildBatchCompletedEvent(summary: TipBatchSummary, durationMs: number): JobEvent {
	const results = { counts: summary.counts, totalsByCurrency: summary.totalsByCurrency };
	return {
		source: TIPS_SOURCE,
		detailType: TIPS_DETAIL_TYPES.completed,
		detail: {
			eventKey: `tips-completed:${summary.period}${summary.dryRun ? ':dry-run' : ''}:${digestOf(results)}`,
			account: null,
			payout: null,
			amount: null,
			currency: null,
			...summary,
			notReached: summary.notReached.slice(0, 100),
			durationMs,
		},
	};
}

/** One entry of a balance's `available` list (a Stripe.Balance.Available satisfies it). */
export interface AvailableFunds {
	amount: number;
	currency: string;
	source_types?: { card?: number } | null;
}

/**
 * What transfers may draw per currency. A transfer without `source_type` draws on card funds, so
 * the card share is used when Stripe breaks the balance down by source type.
 */
export function availableForTransfers(available: AvailableFunds[]): Map<string, number> {
	const byCurrency = new Map<string, number>();
	for (const funds of available) {
		const amount = funds.source_types?.card ?? funds.amount;
		byCurrency.set(funds.currency, (byCurrency.get(funds.currency) ?? 0) + amount);
	}
	return byCurrency;
}

/**
 * The currencies whose planned transfers all fit the available balance together. Only these may be
 * created concurrently: where the balance cannot cover every transfer, which ones succeed would
 * depend on timing, so those currencies are paid one at a time in the plan's fixed order.
 */
export function currenciesCoveredByBalance(
	decisions: TipDecision[],
	available: Map<string, number>,
): Set<string> {
	const planned = new Map<string, number>();
	for (const decision of decisions) {
		if (decision.kind !== 'transfer') continue;
		const { currency, amount } = decision.params;
		planned.set(currency, (planned.get(currency) ?? 0) + amount);
	}
	const covered = new Set<string>();
	for (const [currency, total] of planned) {
		if (total <= (available.get(currency) ?? 0)) covered.add(currency);
	}
	return covered;
}
