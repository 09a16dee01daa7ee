import { describe, expect, it } from 'vitest';

import { buildReconciliationCompletedEvent } from '../../../../functions/reconcilePayouts/events';
import {
	buildScaleCompletedEvent,
	summarizeRun,
	toleratedFailedBatches,
} from '../../../../functions/reconcilePayouts/scale/runSummary';
import { emptySummary } from '../../../../functions/reconcilePayouts/summary';
import { batchSummary, ids, payoutOutcome, planOf, window } from '../../../support/scaleFixtures';

const planned = planOf(ids(5), 2);
const finished = [
	{
		batchIndex: 0,
		summary: batchSummary(['acct_0000', 'acct_0001'], [payoutOutcome('acct_0000', 'failed', 700)]),
	},
	{
		batchIndex: 1,
		summary: batchSummary(
			['acct_0002', 'acct_0003'],
			[payoutOutcome('acct_0002', 'reconciled', 1_000)],
		),
	},
	{
		batchIndex: 2,
		summary: batchSummary(['acct_0004'], [payoutOutcome('acct_0004', 'reconciled', 2_500)]),
	},
];
const publishFailure = { Error: 'EventPublishError', Cause: '2 event(s) could not be published' };

describe('toleratedFailedBatches', () => {
	it('tolerates the percentage of the batches, rounded down', () => {
		expect(toleratedFailedBatches(5, 200)).toBe(10);
		expect(toleratedFailedBatches(5, 59)).toBe(2);
		expect(toleratedFailedBatches(50, 3)).toBe(1);
	});

	it('tolerates at least one batch whenever the percentage is not 0', () => {
		expect(toleratedFailedBatches(5, 3)).toBe(1);
		expect(toleratedFailedBatches(5, 19)).toBe(1);
		expect(toleratedFailedBatches(1, 1)).toBe(1);
	});

	it('tolerates none at 0 % or without batches', () => {
		expect(toleratedFailedBatches(0, 200)).toBe(0);
		expect(toleratedFailedBatches(5, 0)).toBe(0);
	});
});

describe('summarizeRun', () => {
	it('merges every batch with the jobs merger, adding the planner’s calls', () => {
		const run = summarizeRun({ ...planned, batchResults: finished }, 5);
		expect(run).toMatchObject({ complete: true, withinTolerance: true, failedBatches: [] });
		expect(run.summary.accounts).toEqual({ total: 5, completed: 5, notReached: [] });
		expect(run.summary.payouts).toMatchObject({ failed: 1, reconciled: 2, mismatch: 0 });
		expect(run.summary.amountsByCurrency).toEqual({ usd: { failed: 700, reconciled: 3_500 } });
		expect(run.summary.apiCalls).toBe(10 + planned.planning.apiCalls);
		expect(run.summary.eventsPublished).toBe(3);
		expect(run.summary.window).toEqual(emptySummary(window).window);
	});

	it('keeps what a failed batch settled and names its range and reason', () => {
		const partial = batchSummary(['acct_0002'], [payoutOutcome('acct_0002', 'reconciled', 1_000)]);
		partial.accounts.total = 2;
		partial.accounts.notReached = [
			{ account: 'acct_0003', reason: 'error', message: 'not published' },
		];
		const run = summarizeRun(
			{
				...planned,
				batchResults: [
					finished[0],
					{ batchIndex: 1, summary: partial, failure: publishFailure },
					finished[2],
				],
			},
			5,
		);
		expect(run.failedBatches).toEqual([
			{
				batchIndex: 1,
				after: 'acct_0001',
				through: 'acct_0003',
				size: 2,
				error: 'EventPublishError',
				cause: publishFailure.Cause,
			},
		]);
		expect(run).toMatchObject({
			complete: false,
			withinTolerance: true,
			toleratedFailedBatches: 1,
		});
		expect(run.summary.payouts).toMatchObject({ failed: 1, reconciled: 2 });
		expect(run.summary.accounts).toMatchObject({ total: 5, completed: 4 });
		expect(run.summary.accounts.notReached.map((shortfall) => shortfall.account)).toEqual([
			'acct_0003',
		]);
	});

	it('counts the planned accounts a failed batch left no summary of', () => {
		const run = summarizeRun(
			{
				...planned,
				batchResults: [
					finished[0],
					{ batchIndex: 1, summary: null, failure: publishFailure },
					finished[2],
				],
			},
			5,
		);
		expect(run.summary.accounts).toMatchObject({ total: 5, completed: 3 });
	});

	it('fails the run when more batches failed than tolerated', () => {
		const failed = (batchIndex: number) => ({ batchIndex, summary: null, failure: publishFailure });
		const run = summarizeRun({ ...planned, batchResults: [failed(0), failed(1), finished[2]] }, 5);
		expect(run).toMatchObject({
			complete: false,
			withinTolerance: false,
			toleratedFailedBatches: 1,
		});
		expect(run.failedBatches.map((batch) => batch.batchIndex)).toEqual([0, 1]);
	});

	it('lists every batch with the map’s own error when the map failed as a whole', () => {
		const run = summarizeRun(
			{ ...planned, fanOutError: { Error: 'States.Runtime', Cause: 'x'.repeat(1_000) } },
			100,
		);
		expect(run.withinTolerance).toBe(false);
		expect(run.failedBatches.map((batch) => batch.error)).toEqual([
			'States.Runtime',
			'States.Runtime',
			'States.Runtime',
		]);
		expect(run.failedBatches[0].cause).toHaveLength(300);
		expect(run.summary.accounts).toMatchObject({ total: 5, completed: 0 });
	});

	it('ignores results it does not recognise instead of counting them', () => {
		const run = summarizeRun(
			{ ...planned, batchResults: [finished[0], { Error: 'x' }, { batchIndex: 2, summary: 7 }] },
			100,
		);
		expect(run.failedBatches.map((batch) => [batch.batchIndex, batch.error])).toEqual([
			[1, 'States.Runtime'],
			[2, 'States.Runtime'],
		]);
	});

	it('summarizes a platform without accounts as a complete empty run', () => {
		const run = summarizeRun({ ...planOf([], 100), batchResults: [] }, 5);
		const summary = emptySummary(window);
		summary.apiCalls = 1;
		expect(run).toEqual({
			summary,
			failedBatches: [],
			complete: true,
			toleratedFailedBatches: 0,
			withinTolerance: true,
		});
	});

	it('refuses batch summaries of another window instead of mixing them', () => {
		const foreign = batchSummary(['acct_0000'], []);
		foreign.window.since = '2020-01-01T00:00:00.000Z';
		expect(() =>
			summarizeRun({ ...planned, batchResults: [{ batchIndex: 0, summary: foreign }] }, 5),
		).toThrow(/Cannot merge summaries of different windows/);
	});
});

describe('buildScaleCompletedEvent', () => {
	it('is the jobs Reconciliation Completed event with the run id and the batch outcome added', () => {
		const run = summarizeRun(
			{
				...planOf(ids(3), 2),
				batchResults: [{ batchIndex: 1, summary: null, failure: publishFailure }],
			},
			5,
		);
		const event = buildScaleCompletedEvent(run, 1_234, 'run-1');
		expect(event.source).toBe('stripe-connect.reconciliation');
		expect(event.detailType).toBe('Reconciliation Completed');
		expect(event.detail).toEqual({
			...buildReconciliationCompletedEvent(run.summary, 1_234).detail,
			mode: 'scale',
			runId: 'run-1',
			complete: false,
			withinTolerance: false,
			toleratedFailedBatches: 1,
			failedBatchCount: 2,
			failedBatches: [
				{
					batchIndex: 0,
					after: null,
					through: 'acct_0001',
					size: 2,
					error: 'States.Runtime',
					cause: 'The map returned no result for this batch.',
				},
				{
					batchIndex: 1,
					after: 'acct_0001',
					through: 'acct_0002',
					size: 1,
					error: 'EventPublishError',
					cause: publishFailure.Cause,
				},
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
