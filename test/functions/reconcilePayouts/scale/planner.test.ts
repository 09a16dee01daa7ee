import { beforeAll, describe, expect, it } from 'vitest';

import type { ReconciliationPlan } from '../../../../functions/reconcilePayouts/scale/batches';
import { lambdaContext, seedScalePlatform, useScaleLambdas } from '../../../support/scaleLambdas';

const NOW = 1_795_000_000;
const HOUR = 3600;
const STARTED_AT = new Date(NOW * 1000).toISOString();

describe('the scale-mode planner Lambda', () => {
	const rig = useScaleLambdas(NOW);
	let plan: ReconciliationPlan;

	beforeAll(async () => {
		seedScalePlatform(rig().sandbox, NOW);
		plan = await rig().lambdas.planner.handler(
			{ runId: 'run-1', startedAt: STARTED_AT, request: {} },
			lambdaContext,
		);
	});

	it('plans batches of SCALE_BATCH_SIZE over every connected account, with one shared window', () => {
		expect(plan.runId).toBe('run-1');
		expect(plan.now).toBe(NOW);
		expect(plan.window).toEqual({ since: NOW - 30 * HOUR, until: NOW });
		expect(plan.accountCount).toBe(5);
		expect(plan.batches.map((batch) => batch.size)).toEqual([2, 2, 1]);
		const planned = plan.batches.map((batch) => batch.through);
		expect(new Set(planned).size).toBe(3);
		expect(plan.batches[0].after).toBeNull();
		expect(plan.batches[1].after).toBe(plan.batches[0].through);
		expect(plan.batches[2].next).toBeNull();
	});
});
