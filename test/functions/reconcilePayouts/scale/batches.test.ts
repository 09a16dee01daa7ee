import { describe, expect, it } from 'vitest';

import { buildReconciliationCompletedEvent } from '../../../../functions/reconcilePayouts/events';
import type { PayoutOutcome } from '../../../../functions/reconcilePayouts/outcomes';
import { countOutcomes, emptySummary } from '../../../../functions/reconcilePayouts/summary';
import {
	assertPlanFits,
	buildScaleCompletedEvent,
	collectRangeAccounts,
	MAX_BATCHES,
	planAccountRanges,
	summarizeRun,
	type ReconciliationPlan,
} from '../../../../functions/reconcilePayouts/scale/batches';

const window = { since: 1_794_892_000, until: 1_795_000_000 };
const ids = (count: number) =>
	Array.from({ length: count }, (_, index) => `acct_${String(index).padStart(4, '0')}`);

function plan(accountIds: string[], batchSize: number): ReconciliationPlan {
	return {
		runId: 'run-1',
		startedAt: '2026-11-18T06:15:00.000Z',
		window,
		now: window.until,
		accountCount: accountIds.length,
		batches: planAccountRanges(accountIds, batchSize),
	};
}

describe('planAccountRanges', () => {
	it('cuts the account list into consecutive ranges that name their neighbours', () => {
		expect(planAccountRanges(ids(5), 2)).toEqual([
			{ after: null, through: 'acct_0001', next: 'acct_0002', size: 2 },
			{ after: 'acct_0001', through: 'acct_0003', next: 'acct_0004', size: 2 },
			{ after: 'acct_0003', through: 'acct_0004', next: null, size: 1 },
		]);
	});

	it('plans nothing for a platform without connected accounts', () => {
		expect(planAccountRanges([], 100)).toEqual([]);
	});

	it('rejects a batch size that is not a positive whole number', () => {
		expect(() => planAccountRanges(ids(3), 0)).toThrow(
			/SCALE_BATCH_SIZE must be a whole number of at least 1/,
		);
		expect(() => planAccountRanges(ids(3), 1.5)).toThrow(/SCALE_BATCH_SIZE/);
	});
});

describe('assertPlanFits', () => {
	it('accepts the largest plan the state machine can carry', () => {
		expect(() => assertPlanFits(plan(ids(MAX_BATCHES * 3), 3), 3)).not.toThrow();
	});

	it('names the batch size to raise when there are too many batches', () => {
		expect(() => assertPlanFits(plan(ids(MAX_BATCHES * 3 + 1), 3), 3)).toThrow(
			/601 accounts make 201 batches of 3, more than the 200 .* Raise the scaleBatchSize stage parameter \(SCALE_BATCH_SIZE\) to at least 4\./,
		);
	});
});

describe('collectRangeAccounts', () => {
	const range = { after: 'acct_0001', through: 'acct_0003', next: 'acct_0004', size: 2 };

	it('stops at the last account of its range', () => {
		expect(collectRangeAccounts(range, [], ['acct_0002', 'acct_0003', 'acct_0004'])).toEqual({
			accounts: ['acct_0002', 'acct_0003'],
			done: true,
		});
	});

	it('continues over pages until the range ends', () => {
		const first = collectRangeAccounts(range, [], ['acct_0002']);
		expect(first).toEqual({ accounts: ['acct_0002'], done: false });
		expect(collectRangeAccounts(range, first.accounts, ['acct_0003'])).toEqual({
			accounts: ['acct_0002', 'acct_0003'],
			done: true,
		});
	});

	it('stops before the next batch when its own last account was deleted after planning', () => {
		expect(collectRangeAccounts(range, [], ['acct_0002', 'acct_0004', 'acct_0005'])).toEqual({
			accounts: ['acct_0002'],
			done: true,
		});
	});

	it('takes accounts created after planning into the first range', () => {
		const firstRange = { after: null, through: 'acct_0001', next: 'acct_0002', size: 2 };
		expect(
			collectRangeAccounts(firstRange, [], ['acct_new', 'acct_0000', 'acct_0001', 'acct_0002']),
		).toEqual({
			accounts: ['acct_new', 'acct_0000', 'acct_0001'],
			done: true,
		});
	});
});

describe('summarizeRun', () => {
	const outcome = (
		account: string,
		kind: 'failed' | 'reconciled',
		amount: number,
	): PayoutOutcome =>
		kind === 'failed'
			? {
					account,
					payout: `po_${account}`,
					amount,
					currency: 'usd',
					arrivalDate: window.until - 3600,
					kind,
					failureCode: 'account_closed',
					failureMessage: null,
				}
			: {
					account,
					payout: `po_${account}`,
					amount,
					currency: 'usd',
					arrivalDate: window.until - 3600,
					kind,
					transactionCount: 1,
					gross: amount,
					fees: 0,
					net: amount,
					breakdown: {},
				};
	const batchSummary = (accounts: string[], outcomes: PayoutOutcome[]) => {
		const summary = countOutcomes(emptySummary(window), outcomes);
		summary.accounts = { total: accounts.length, completed: accounts.length, notReached: [] };
		summary.apiCalls = accounts.length * 2;
		summary.eventsPublished = outcomes.length;
		return summary;
	};
	const planned = plan(ids(5), 2);

	it('merges every batch with the jobs merger into one complete run', () => {
		const run = summarizeRun({
			...planned,
			batchResults: [
				{
					batchIndex: 0,
					summary: batchSummary(['acct_0000', 'acct_0001'], [outcome('acct_0000', 'failed', 700)]),
				},
				{
					batchIndex: 1,
					summary: batchSummary(
						['acct_0002', 'acct_0003'],
						[outcome('acct_0002', 'reconciled', 1_000)],
					),
				},
				{
					batchIndex: 2,
					summary: batchSummary(['acct_0004'], [outcome('acct_0004', 'reconciled', 2_500)]),
				},
			],
		});
		expect(run.complete).toBe(true);
		expect(run.failedBatches).toEqual([]);
		expect(run.summary.accounts).toEqual({ total: 5, completed: 5, notReached: [] });
		expect(run.summary.payouts).toMatchObject({ failed: 1, reconciled: 2, mismatch: 0 });
		expect(run.summary.amountsByCurrency).toEqual({ usd: { failed: 700, reconciled: 3_500 } });
		expect(run.summary.apiCalls).toBe(10);
		expect(run.summary.eventsPublished).toBe(3);
		expect(run.summary.window).toEqual(emptySummary(window).window);
	});

	it('lists the batches without a result and counts their accounts as planned but not completed', () => {
		const run = summarizeRun({
			...planned,
			batchResults: [
				{ batchIndex: 0, summary: batchSummary(['acct_0000', 'acct_0001'], []) },
				// A failed child execution leaves no summary in the map's results.
				{ Error: 'States.TaskFailed', Cause: 'Lambda timed out' },
			],
			fanOutError: { Error: 'States.ExceedToleratedFailureThreshold' },
		});
		expect(run.complete).toBe(false);
		expect(run.failedBatches).toEqual([
			{ batchIndex: 1, after: 'acct_0001', through: 'acct_0003', size: 2 },
			{ batchIndex: 2, after: 'acct_0003', through: 'acct_0004', size: 1 },
		]);
		expect(run.summary.accounts.total).toBe(5);
		expect(run.summary.accounts.completed).toBe(2);
	});

	it('summarizes a platform without accounts as a complete empty run', () => {
		const run = summarizeRun({ ...plan([], 100), batchResults: [] });
		expect(run).toEqual({ summary: emptySummary(window), failedBatches: [], complete: true });
	});

	it('refuses batch summaries of another window instead of mixing them', () => {
		const foreign = batchSummary(['acct_0000'], []);
		foreign.window.since = '2020-01-01T00:00:00.000Z';
		expect(() =>
			summarizeRun({ ...planned, batchResults: [{ batchIndex: 0, summary: foreign }] }),
		).toThrow(/Cannot merge summaries of different windows/);
	});
});

describe('buildScaleCompletedEvent', () => {
	it('is the jobs Reconciliation Completed event with the run id and the batch outcome added', () => {
		const run = summarizeRun({ ...plan(ids(3), 2), batchResults: [] });
		const event = buildScaleCompletedEvent(run, 1_234, 'run-1');
		expect(event.source).toBe('stripe-connect.reconciliation');
		expect(event.detailType).toBe('Reconciliation Completed');
		expect(event.detail).toEqual({
			...buildReconciliationCompletedEvent(run.summary, 1_234).detail,
			mode: 'scale',
			runId: 'run-1',
			complete: true,
			failedBatches: [
				{ batchIndex: 0, after: null, through: 'acct_0001', size: 2 },
				{ batchIndex: 1, after: 'acct_0001', through: 'acct_0002', size: 1 },
			],
		});
		expect(event.detail).toMatchObject({
			account: null,
			payout: null,
			amount: null,
			currency: null,
			durationMs: 1_234,
		});
	});
});
