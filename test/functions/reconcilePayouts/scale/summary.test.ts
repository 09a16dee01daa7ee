import { beforeAll, describe, expect, it } from 'vitest';

import type { ReconciliationPlan } from '../../../../functions/reconcilePayouts/scale/batches';
import {
	lambdaContext,
	runScaleWorkers,
	seedScalePlatform,
	useScaleLambdas,
	type FinishedBatch,
} from '../../../support/scaleLambdas';

const NOW = 1_795_000_000;
const STARTED_AT = new Date(NOW * 1000).toISOString();

describe('the scale-mode summary Lambda', () => {
	const rig = useScaleLambdas(NOW);
	let plan: ReconciliationPlan;
	let results: FinishedBatch[];
	let workerCalls: number;

	beforeAll(async () => {
		const { sandbox, lambdas } = rig();
		seedScalePlatform(sandbox, NOW);
		plan = await lambdas.planner.handler(
			{ runId: 'run-1', startedAt: STARTED_AT, request: {} },
			lambdaContext,
		);
		// An account created between planning and the workers must still be reconciled.
		sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.clearRequests();
		results = await runScaleWorkers(lambdas, plan);
		workerCalls = sandbox.requests().length;
	});

	const completedEvents = () =>
		rig()
			.standIn.accepted()
			.filter((entry) => entry.DetailType === 'Reconciliation Completed');

	it('publishes one Reconciliation Completed event for the whole run, the planner’s calls included', async () => {
		const { lambdas } = rig();
		const before = completedEvents().length;
		const run = await lambdas.summary.handler({ ...plan, batchResults: results }, lambdaContext);
		expect(run).toMatchObject({ complete: true, withinTolerance: true, failedBatches: [] });
		expect(run.summary.payouts).toMatchObject({
			failed: 1,
			mismatch: 1,
			reconciled: 1,
			overdue: 1,
		});
		expect(plan.planning.apiCalls).toBe(1);
		expect(run.summary.apiCalls).toBe(plan.planning.apiCalls + workerCalls);
		const completed = completedEvents().slice(before);
		expect(completed).toHaveLength(1);
		expect(completed[0].Source).toBe('stripe-connect.reconciliation');
		expect(completed[0].detail).toMatchObject({
			mode: 'scale',
			runId: 'run-1',
			complete: true,
			withinTolerance: true,
			failedBatchCount: 0,
			failedBatches: [],
			accounts: { total: 6, completed: 6, notReached: [] },
			apiCalls: plan.planning.apiCalls + workerCalls,
		});
	});

	it('counts what a failed batch settled, names its range and succeeds within the tolerance', async () => {
		const { lambdas } = rig();
		const before = completedEvents().length;
		const failure = { Error: 'EventPublishError', Cause: '1 event(s) could not be published' };
		const run = await lambdas.summary.handler(
			{
				...plan,
				batchResults: [results[0], { ...results[1], failure }, results[2]],
			},
			lambdaContext,
		);
		// Three batches at the default 5 %: one failed batch is tolerated, and reported.
		expect(run).toMatchObject({
			complete: false,
			withinTolerance: true,
			toleratedFailedBatches: 1,
		});
		expect(run.failedBatches).toEqual([
			{
				batchIndex: 1,
				after: plan.batches[1].after,
				through: plan.batches[1].through,
				size: 2,
				error: 'EventPublishError',
				cause: failure.Cause,
			},
		]);
		// What the failed batch finished and published is counted, not erased.
		expect(run.summary.payouts).toMatchObject({ failed: 1, mismatch: 1, reconciled: 1 });
		expect(completedEvents().slice(before)).toHaveLength(1);
	});

	it('marks the run failed when more batches failed than tolerated', async () => {
		const { lambdas } = rig();
		const failure = { Error: 'Lambda.Unknown', Cause: 'Task timed out' };
		const run = await lambdas.summary.handler(
			{
				...plan,
				batchResults: [
					{ batchIndex: 0, summary: null, failure },
					{ ...results[1], failure },
					results[2],
				],
			},
			lambdaContext,
		);
		expect(run).toMatchObject({ complete: false, withinTolerance: false });
		expect(run.failedBatches.map((batch) => batch.batchIndex)).toEqual([0, 1]);
		// The first batch left no summary: its two planned accounts count (the one created after
		// planning is unknown to the summary), none of them as completed.
		expect(run.summary.accounts).toMatchObject({ total: 5, completed: 3 });
		expect(completedEvents().at(-1)?.detail).toMatchObject({
			complete: false,
			withinTolerance: false,
			failedBatches: run.failedBatches,
		});
	});

	it('lists every batch with the map’s error when the map failed as a whole', async () => {
		const { lambdas } = rig();
		const run = await lambdas.summary.handler(
			{ ...plan, fanOutError: { Error: 'States.Runtime', Cause: 'The map run failed.' } },
			lambdaContext,
		);
		expect(run.withinTolerance).toBe(false);
		expect(run.failedBatches.map((batch) => [batch.batchIndex, batch.error])).toEqual([
			[0, 'States.Runtime'],
			[1, 'States.Runtime'],
			[2, 'States.Runtime'],
		]);
		expect(run.summary.accounts).toMatchObject({ total: 5, completed: 0 });
	});
});
