import { describe, expect, it } from 'vitest';

import { buildReconciliationCompletedEvent } from '../../../functions/reconcilePayouts/events';
import { triagePayout } from '../../../functions/reconcilePayouts/outcomes';
import {
	countOutcomes,
	emptySummary,
	mergeSummaries,
} from '../../../functions/reconcilePayouts/summary';

import { payout, rules, window } from '../../support/payoutRecords';

describe('summaries', () => {
	it('count outcomes and amounts per currency, and merge batches of one window', () => {
		const failed = triagePayout('acct_1', payout({ status: 'failed', failure_code: 'x' }), rules);
		const yen = triagePayout(
			'acct_2',
			payout({ id: 'po_2', currency: 'jpy', amount: 500, status: 'failed' }),
			rules,
		);
		if (failed.action !== 'outcome' || yen.action !== 'outcome')
			throw new Error('expected outcomes');
		const first = countOutcomes(emptySummary(window), [failed.outcome]);
		first.accounts = { total: 1, completed: 1, notReached: [] };
		first.apiCalls = 2;
		const second = countOutcomes(emptySummary(window), [yen.outcome]);
		second.accounts = {
			total: 2,
			completed: 1,
			notReached: [{ account: 'acct_3', reason: 'time_budget' }],
		};
		second.apiCalls = 3;

		const merged = mergeSummaries([first, second]);
		expect(merged.payouts.failed).toBe(2);
		expect(merged.amountsByCurrency).toEqual({ usd: { failed: 10_000 }, jpy: { failed: 500 } });
		expect(merged.accounts).toEqual({
			total: 3,
			completed: 2,
			notReached: [{ account: 'acct_3', reason: 'time_budget' }],
		});
		expect(merged.apiCalls).toBe(5);

		const completed = buildReconciliationCompletedEvent(merged, 1234);
		expect(completed.detailType).toBe('Reconciliation Completed');
		expect(completed.detail).toMatchObject({
			account: null,
			payout: null,
			amount: null,
			currency: null,
			accounts: {
				total: 3,
				completed: 2,
				notReachedCount: 1,
				notReached: [{ account: 'acct_3', reason: 'time_budget' }],
			},
			durationMs: 1234,
		});
		const key = completed.detail.eventKey;
		expect(key).toMatch(
			new RegExp(
				`^reconciliation-completed:${merged.window.since}:${merged.window.until}:[0-9a-f]{16}$`,
			),
		);
		// The same results give the same key whatever the run's cost; other results give another.
		expect(buildReconciliationCompletedEvent({ ...merged, apiCalls: 99 }, 1).detail.eventKey).toBe(
			key,
		);
		const completedLater = mergeSummaries([first, countOutcomes(second, [yen.outcome])]);
		expect(buildReconciliationCompletedEvent(completedLater, 1234).detail.eventKey).not.toBe(key);
	});

	it('refuse to merge batches of different windows', () => {
		const other = emptySummary({ since: window.since + 1, until: window.until });
		expect(() => mergeSummaries([emptySummary(window), other])).toThrow(/different windows/);
	});
});
