import { InputError } from '../shared/config';
import type { JobEvent } from '../shared/eventPublisher';
import { digestOf } from '../shared/eventKey';

/** EventBridge source of every reconciliation event. */
export const RECONCILIATION_SOURCE = 'stripe-connect.reconciliation';

/** The detail-types this job publishes, exactly as consumers match them. */
export const RECONCILIATION_DETAIL_TYPES = {
	failed: 'Payout Failed',
	reconciled: 'Payout Reconciled',
	mismatch: 'Payout Mismatch',
	overdue: 'Payout Overdue',
	notReconcilable: 'Payout Not Reconcilable',
	completed: 'Reconciliation Completed',
} as const;

/** The payout fields reconciliation reads (a Stripe.Payout satisfies it). */
export interface PayoutRecord {
	id: string;
	amount: number;
	currency: string;
	status: string;
	automatic: boolean;
	method: string;
	arrival_date: number;
	reconciliation_status?: string | null;
	balance_transaction: string | { id: string } | null;
	failure_code: string | null;
	failure_message: string | null;
}

/** The balance transaction fields reconciliation reads (a Stripe.BalanceTransaction satisfies it). */
export interface BalanceTransactionRecord {
	id: string;
	amount: number;
	fee: number;
	net: number;
	currency: string;
	type: string;
	source: string | { id: string } | null;
}

/** Payouts whose arrival date is in [since, until), in Unix seconds. */
export interface ReconciliationWindow {
	since: number;
	until: number;
}

/** Totals of one transaction type within a payout. */
export interface TransactionTotals {
	count: number;
	gross: number;
	fees: number;
	net: number;
}

interface OutcomeBase {
	account: string;
	payout: string;
	amount: number;
	currency: string;
	arrivalDate: number;
}

/** What reconciliation concluded about one payout. */
export type PayoutOutcome =
	| (OutcomeBase & {
			kind: 'reconciled';
			transactionCount: number;
			gross: number;
			fees: number;
			net: number;
			breakdown: Record<string, TransactionTotals>;
	  })
	| (OutcomeBase & {
			kind: 'mismatch';
			expected: number;
			actual: number;
			difference: number;
			transactionCount: number;
			otherCurrencyTransactions: string[];
			breakdown: Record<string, TransactionTotals>;
	  })
	| (OutcomeBase & { kind: 'failed'; failureCode: string | null; failureMessage: string | null })
	| (OutcomeBase & { kind: 'overdue'; status: string; overdueSeconds: number })
	| (OutcomeBase & {
			kind: 'not_reconcilable';
			reason: 'manual' | 'instant' | 'not_applicable';
			method: string;
			automatic: boolean;
	  })
	/** Paid, but Stripe has not finished attributing transactions: a later run picks it up. */
	| (OutcomeBase & { kind: 'reconciliation_pending' })
	/** Pending or in transit, not yet past arrival date plus grace. */
	| (OutcomeBase & { kind: 'in_flight'; status: string })
	| (OutcomeBase & { kind: 'canceled' });

/** Every outcome kind, in report order. */
export const OUTCOME_KINDS = [
	'reconciled',
	'mismatch',
	'failed',
	'overdue',
	'not_reconcilable',
	'reconciliation_pending',
	'in_flight',
	'canceled',
] as const satisfies ReadonlyArray<PayoutOutcome['kind']>;

/** Outcome kind of a payout. */
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Rules for judging payouts at a point in time. */
export interface TriageRules {
	window: ReconciliationWindow;
	/** Unix seconds. */
	now: number;
	overdueGraceSeconds: number;
}

/** The first step for a payout: an outcome already, its transactions to fetch, or nothing to do. */
export type PayoutTriage =
	| { action: 'outcome'; outcome: PayoutOutcome }
	| { action: 'list_transactions' }
	| { action: 'ignore' };

/**
 * The window to ask Stripe for: the reconciliation window extended back by the overdue grace, so a
 * payout that only becomes overdue after its arrival day has left the window is still caught.
 */
export function payoutQueryWindow(rules: Omit<TriageRules, 'now'>): ReconciliationWindow {
	return { since: rules.window.since - rules.overdueGraceSeconds, until: rules.window.until };
}

function outcomeBase(account: string, payout: PayoutRecord): OutcomeBase {
	return {
		account,
		payout: payout.id,
		amount: payout.amount,
		currency: payout.currency,
		arrivalDate: payout.arrival_date,
	};
}

/** Decides what a payout needs, from the payout alone. */
export function triagePayout(
	account: string,
	payout: PayoutRecord,
	rules: TriageRules,
): PayoutTriage {
	const base = outcomeBase(account, payout);
	const conclude = (outcome: PayoutOutcome): PayoutTriage => ({ action: 'outcome', outcome });
	const inWindow =
		payout.arrival_date >= rules.window.since && payout.arrival_date < rules.window.until;
	const unsettled = payout.status === 'pending' || payout.status === 'in_transit';
	const overdueSeconds = rules.now - payout.arrival_date - rules.overdueGraceSeconds;
	if (unsettled && overdueSeconds > 0) {
		return conclude({ ...base, kind: 'overdue', status: payout.status, overdueSeconds });
	}
	// Before the window, payouts were judged by earlier runs; only overdue ones are re-examined.
	if (!inWindow) return { action: 'ignore' };
	if (unsettled) return conclude({ ...base, kind: 'in_flight', status: payout.status });
	if (payout.status === 'failed') {
		return conclude({
			...base,
			kind: 'failed',
			failureCode: payout.failure_code,
			failureMessage: payout.failure_message,
		});
	}
	if (payout.status === 'canceled') return conclude({ ...base, kind: 'canceled' });
	const notReconcilable = (reason: 'manual' | 'instant' | 'not_applicable') =>
		conclude({
			...base,
			kind: 'not_reconcilable',
			reason,
			method: payout.method,
			automatic: payout.automatic,
		});
	if (payout.method === 'instant') return notReconcilable('instant');
	if (!payout.automatic) return notReconcilable('manual');
	if (payout.reconciliation_status === 'in_progress') {
		return conclude({ ...base, kind: 'reconciliation_pending' });
	}
	if (payout.reconciliation_status !== 'completed') return notReconcilable('not_applicable');
	return { action: 'list_transactions' };
}

function idOf(reference: string | { id: string } | null | undefined): string | undefined {
	if (reference === null || reference === undefined) return undefined;
	return typeof reference === 'string' ? reference : reference.id;
}

/**
 * Compares an automatic payout with the balance transactions Stripe attributes to it: the net of
 * every transaction except the payout's own must equal the payout amount, in the payout currency.
 */
export function reconcilePayout(
	account: string,
	payout: PayoutRecord,
	transactions: BalanceTransactionRecord[],
): PayoutOutcome {
	const ownTransactionId = idOf(payout.balance_transaction);
	const isOwnTransaction = (transaction: BalanceTransactionRecord) =>
		ownTransactionId !== undefined
			? transaction.id === ownTransactionId
			: transaction.type === 'payout' && idOf(transaction.source) === payout.id;
	const paidOut = transactions.filter((transaction) => !isOwnTransaction(transaction));
	const breakdown: Record<string, TransactionTotals> = {};
	let gross = 0;
	let fees = 0;
	let net = 0;
	const otherCurrencyTransactions: string[] = [];
	for (const transaction of paidOut) {
		if (transaction.currency !== payout.currency) otherCurrencyTransactions.push(transaction.id);
		gross += transaction.amount;
		fees += transaction.fee;
		net += transaction.net;
		const totals = (breakdown[transaction.type] ??= { count: 0, gross: 0, fees: 0, net: 0 });
		totals.count++;
		totals.gross += transaction.amount;
		totals.fees += transaction.fee;
		totals.net += transaction.net;
	}
	const base = outcomeBase(account, payout);
	if (net === payout.amount && otherCurrencyTransactions.length === 0) {
		return {
			...base,
			kind: 'reconciled',
			transactionCount: paidOut.length,
			gross,
			fees,
			net,
			breakdown,
		};
	}
	return {
		...base,
		kind: 'mismatch',
		expected: payout.amount,
		actual: net,
		difference: net - payout.amount,
		transactionCount: paidOut.length,
		otherCurrencyTransactions,
		breakdown,
	};
}

/** The deterministic key consumers de-duplicate on: the same payout and verdict give the same key. */
export function payoutEventKey(
	outcome: Pick<PayoutOutcome, 'account' | 'payout' | 'kind'>,
): string {
	return `reconciliation:${outcome.account}:${outcome.payout}:${outcome.kind}`;
}

function isoDate(unixSeconds: number): string {
	return new Date(unixSeconds * 1000).toISOString();
}

/** The event for a payout outcome, or undefined for outcomes that only count (pending, in flight, canceled). */
export function buildPayoutEvent(outcome: PayoutOutcome): JobEvent | undefined {
	const common = {
		eventKey: payoutEventKey(outcome),
		account: outcome.account,
		payout: outcome.payout,
		amount: outcome.amount,
		currency: outcome.currency,
		arrivalDate: isoDate(outcome.arrivalDate),
	};
	const event = (detailType: string, detail: Record<string, unknown>): JobEvent => ({
		source: RECONCILIATION_SOURCE,
		detailType,
		detail: { ...common, ...detail },
	});
	switch (outcome.kind) {
		case 'failed':
			return event(RECONCILIATION_DETAIL_TYPES.failed, {
				failureCode: outcome.failureCode,
				failureMessage: outcome.failureMessage,
			});
		case 'reconciled':
			return event(RECONCILIATION_DETAIL_TYPES.reconciled, {
				transactionCount: outcome.transactionCount,
				gross: outcome.gross,
				fees: outcome.fees,
				net: outcome.net,
				breakdown: outcome.breakdown,
			});
		case 'mismatch':
			return event(RECONCILIATION_DETAIL_TYPES.mismatch, {
				expected: outcome.expected,
				actual: outcome.actual,
				difference: outcome.difference,
				transactionCount: outcome.transactionCount,
				otherCurrencyTransactions: outcome.otherCurrencyTransactions,
				breakdown: outcome.breakdown,
			});
		case 'overdue':
			return event(RECONCILIATION_DETAIL_TYPES.overdue, {
				status: outcome.status,
				overdueSeconds: outcome.overdueSeconds,
			});
		case 'not_reconcilable':
			return event(RECONCILIATION_DETAIL_TYPES.notReconcilable, {
				reason: outcome.reason,
				method: outcome.method,
				automatic: outcome.automatic,
			});
		default:
			return undefined;
	}
}

/** An account the run did not finish, and why. */
export interface AccountShortfall {
	account: string;
	reason: 'time_budget' | 'error';
	message?: string;
}

/** Counters of a reconciliation run or of one batch of accounts; JSON-serialisable and mergeable. */
export interface ReconciliationSummary {
	window: { since: string; until: string };
	accounts: { total: number; completed: number; notReached: AccountShortfall[] };
	payouts: Record<OutcomeKind, number>;
	/** Sum of payout amounts per currency and outcome, in minor units. */
	amountsByCurrency: Record<string, Partial<Record<OutcomeKind, number>>>;
	apiCalls: number;
	retries: number;
	eventsPublished: number;
}

/** Counters with nothing counted, for a window. */
export function emptySummary(window: ReconciliationWindow): ReconciliationSummary {
	return {
		window: { since: isoDate(window.since), until: isoDate(window.until) },
		accounts: { total: 0, completed: 0, notReached: [] },
		payouts: Object.fromEntries(OUTCOME_KINDS.map((kind) => [kind, 0])) as Record<
			OutcomeKind,
			number
		>,
		amountsByCurrency: {},
		apiCalls: 0,
		retries: 0,
		eventsPublished: 0,
	};
}

/** Counts outcomes into a summary (pure; returns a new summary). */
export function countOutcomes(
	summary: ReconciliationSummary,
	outcomes: PayoutOutcome[],
): ReconciliationSummary {
	const next = structuredClone(summary);
	for (const outcome of outcomes) {
		next.payouts[outcome.kind]++;
		const amounts = (next.amountsByCurrency[outcome.currency] ??= {});
		amounts[outcome.kind] = (amounts[outcome.kind] ?? 0) + outcome.amount;
	}
	return next;
}

/** Merges the summaries of batches of the same window (scale mode) into one. */
export function mergeSummaries(summaries: ReconciliationSummary[]): ReconciliationSummary {
	if (summaries.length === 0) throw new RangeError('mergeSummaries needs at least one summary');
	const [first] = summaries;
	const merged = emptySummary({
		since: Date.parse(first.window.since) / 1000,
		until: Date.parse(first.window.until) / 1000,
	});
	for (const summary of summaries) {
		if (
			summary.window.since !== first.window.since ||
			summary.window.until !== first.window.until
		) {
			throw new RangeError(
				`Cannot merge summaries of different windows (${first.window.since}…${first.window.until} and ${summary.window.since}…${summary.window.until}).`,
			);
		}
		merged.accounts.total += summary.accounts.total;
		merged.accounts.completed += summary.accounts.completed;
		merged.accounts.notReached.push(...summary.accounts.notReached);
		for (const kind of OUTCOME_KINDS) merged.payouts[kind] += summary.payouts[kind];
		for (const [currency, amounts] of Object.entries(summary.amountsByCurrency)) {
			const target = (merged.amountsByCurrency[currency] ??= {});
			for (const [kind, amount] of Object.entries(amounts) as Array<[OutcomeKind, number]>) {
				target[kind] = (target[kind] ?? 0) + amount;
			}
		}
		merged.apiCalls += summary.apiCalls;
		merged.retries += summary.retries;
		merged.eventsPublished += summary.eventsPublished;
	}
	return merged;
}

/** At most this many not-reached accounts are named in the summary event (all are counted). */
export const MAX_NAMED_SHORTFALLS = 100;

/**
 * The one Reconciliation Completed event of a run (account, payout, amount, currency are null).
 * Its eventKey depends on the window and the results, so a re-run that finds more is not dropped.
 */
export function buildReconciliationCompletedEvent(
	summary: ReconciliationSummary,
	durationMs: number,
): JobEvent {
	const results = {
		payouts: summary.payouts,
		amountsByCurrency: summary.amountsByCurrency,
		accounts: summary.accounts,
	};
	return {
		source: RECONCILIATION_SOURCE,
		detailType: RECONCILIATION_DETAIL_TYPES.completed,
		detail: {
			eventKey: `reconciliation-completed:${summary.window.since}:${summary.window.until}:${digestOf(results)}`,
			account: null,
			payout: null,
			amount: null,
			currency: null,
			window: summary.window,
			accounts: {
				total: summary.accounts.total,
				completed: summary.accounts.completed,
				notReachedCount: summary.accounts.notReached.length,
				notReached: summary.accounts.notReached.slice(0, MAX_NAMED_SHORTFALLS),
			},
			payouts: summary.payouts,
			amountsByCurrency: summary.amountsByCurrency,
			apiCalls: summary.apiCalls,
			retries: summary.retries,
			durationMs,
		},
	};
}

/** Default window: the last `lookbackHours` before now plus `overlapHours` earlier, in Unix seconds. */
export function defaultWindow(
	now: number,
	lookbackHours: number,
	overlapHours: number,
): ReconciliationWindow {
	const until = Math.floor(now);
	return { since: until - Math.round((lookbackHours + overlapHours) * 3600), until };
}

function parseInstant(field: string, text: string): number {
	const milliseconds = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)
		? Date.parse(text)
		: Number.NaN;
	if (Number.isNaN(milliseconds)) {
		throw new InputError(
			field,
			`"${text}" is not an ISO 8601 date or time. Use a form like 2026-11-20 or 2026-11-20T06:00:00Z.`,
		);
	}
	return Math.floor(milliseconds / 1000);
}

/**
 * The window of a run: explicit `since`/`until` (ISO 8601), or the default lookback plus overlap
 * ending now. `since` alone runs until now; `until` alone looks back the default span from it.
 */
export function resolveWindow(
	requested: { since?: string; until?: string },
	now: number,
	lookbackHours: number,
	overlapHours: number,
): ReconciliationWindow {
	const until =
		requested.until === undefined ? Math.floor(now) : parseInstant('until', requested.until);
	const since =
		requested.since === undefined
			? defaultWindow(until, lookbackHours, overlapHours).since
			: parseInstant('since', requested.since);
	if (since >= until) {
		throw new InputError(
			'since',
			`${isoDate(since)} is not before until (${isoDate(until)}). Give a since earlier than until.`,
		);
	}
	return { since, until };
}
