import type { JobEvent } from '../shared/jobEvents';
import { buildSummaryEvent } from '../shared/summaryEvent';
import type { PayoutOutcome } from './outcomes';
import type { ReconciliationSummary } from './summary';
import { isoDate } from './window';

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

/** The deterministic key consumers de-duplicate on: the same payout and verdict give the same key. */
export function payoutEventKey(
	outcome: Pick<PayoutOutcome, 'account' | 'payout' | 'kind'>,
): string {
	return `reconciliation:${outcome.account}:${outcome.payout}:${outcome.kind}`;
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
	return buildSummaryEvent(RECONCILIATION_SOURCE, RECONCILIATION_DETAIL_TYPES.completed, {
		keyPrefix: `reconciliation-completed:${summary.window.since}:${summary.window.until}`,
		results,
		detail: {
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
	});
}
