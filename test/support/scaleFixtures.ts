// Plain data for the scale-mode pure suites: account ids, plans, outcomes and the events they make.
import { buildPayoutEvent } from '../../functions/reconcilePayouts/events';
import type { PayoutOutcome } from '../../functions/reconcilePayouts/outcomes';
import {
	planAccountRanges,
	type ReconciliationPlan,
} from '../../functions/reconcilePayouts/scale/batches';
import { countOutcomes, emptySummary } from '../../functions/reconcilePayouts/summary';
import type { JobEvent } from '../../functions/shared/jobEvents';

/** The window every fixture uses. */
export const window = { since: 1_794_892_000, until: 1_795_000_000 };

/** `count` account ids in list order: acct_0000, acct_0001, … */
export const ids = (count: number) =>
	Array.from({ length: count }, (_, index) => `acct_${String(index).padStart(4, '0')}`);

/** A plan of `accountIds` in batches of `batchSize`, whose planner made one call. */
export function planOf(accountIds: string[], batchSize: number): ReconciliationPlan {
	return {
		runId: 'run-1',
		startedAt: '2026-11-18T06:15:00.000Z',
		window,
		now: window.until,
		accountCount: accountIds.length,
		batches: planAccountRanges(accountIds, batchSize),
		planning: { apiCalls: 1, retries: 0 },
	};
}

/** A failed or reconciled payout of `account` (payout id `po_<account>` plus `suffix`). */
export function payoutOutcome(
	account: string,
	kind: 'failed' | 'reconciled',
	amount: number,
	suffix = '',
): PayoutOutcome {
	const base = {
		account,
		payout: `po_${account}${suffix}`,
		amount,
		currency: 'usd',
		arrivalDate: window.until - 3600,
	};
	return kind === 'failed'
		? { ...base, kind, failureCode: 'account_closed', failureMessage: null }
		: { ...base, kind, transactionCount: 1, gross: amount, fees: 0, net: amount, breakdown: {} };
}

/** The events the job publishes for these outcomes. */
export function eventsOf(outcomes: PayoutOutcome[]): JobEvent[] {
	return outcomes.flatMap((outcome) => buildPayoutEvent(outcome) ?? []);
}

/** A batch's counters: every account completed, two calls each, one event per outcome. */
export function batchSummary(accounts: string[], outcomes: PayoutOutcome[]) {
	const summary = countOutcomes(emptySummary(window), outcomes);
	summary.accounts = { total: accounts.length, completed: accounts.length, notReached: [] };
	summary.apiCalls = accounts.length * 2;
	summary.eventsPublished = outcomes.length;
	return summary;
}
