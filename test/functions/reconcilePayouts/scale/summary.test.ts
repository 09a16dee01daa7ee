import { beforeAll, describe, expect, it } from 'vitest';

import type {
	BatchResult,
	ReconciliationPlan,
} from '../../../../functions/reconcilePayouts/scale/batches';
import {
	lambdaContext,
	runScaleWorkers,
	seedScalePlatform,
	useScaleLambdas,
} from '../../../support/scaleLambdas';

const NOW = 1_795_000_000;
const STARTED_AT = new Date(NOW * 1000).toISOString();

describe('the scale-mode summary Lambda', () => {
	const rig = useScaleLambdas(NOW);
	let plan: ReconciliationPlan;
	let results: BatchResult[];

	beforeAll(async () => {
		const { sandbox, lambdas } = rig();
		seedScalePlatform(sandbox, NOW);
		plan = await lambdas.planner.handler(
			{ runId: 'run-1', startedAt: STARTED_AT, request: {} },
			lambdaContext,
		);
		// An account created between planning and the workers must still be reconciled.
		sandbox.state.createConnectedAccount({ country: 'US' });
		results = await runScaleWorkers(lambdas, plan);
	});

	it('publishes one Reconciliation Completed event for the whole run', async () => {
		const { lambdas, standIn } = rig();
		const run = await lambdas.summary.handler({ ...plan, batchResults: results }, lambdaContext);
		expect(run.complete).toBe(true);
		expect(run.failedBatches).toEqual([]);
		expect(run.summary.payouts).toMatchObject({
			failed: 1,
			mismatch: 1,
			reconciled: 1,
			overdue: 1,
		});
		const completed = standIn
			.accepted()
			.filter((entry) => entry.DetailType === 'Reconciliation Completed');
		expect(completed).toHaveLength(1);
		expect(completed[0].Source).toBe('stripe-connect.reconciliation');
		expect(completed[0].detail).toMatchObject({
			mode: 'scale',
			runId: 'run-1',
			complete: true,
			failedBatches: [],
			accounts: { total: 6, completed: 6, notReached: [] },
		});
	});

	it('reports the batches that failed and marks the run incomplete when the map gave up', async () => {
		const { lambdas, standIn } = rig();
		const run = await lambdas.summary.handler(
			{
				...plan,
				batchResults: [results[0]],
				fanOutError: {
					Error: 'States.ExceedToleratedFailureThreshold',
					Cause: 'too many failed batches',
				},
			},
			lambdaContext,
		);
		expect(run.complete).toBe(false);
		expect(run.failedBatches.map((batch) => batch.batchIndex)).toEqual([1, 2]);
		const last = standIn.accepted().at(-1);
		expect(last?.DetailType).toBe('Reconciliation Completed');
		expect(last?.detail).toMatchObject({ complete: false, failedBatches: run.failedBatches });
	});
});
