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

describe('the scale-mode worker Lambda', () => {
	const rig = useScaleLambdas(NOW);
	let accounts: string[];
	let plan: ReconciliationPlan;
	let lateAccount: string;
	let results: BatchResult[];

	beforeAll(async () => {
		const { sandbox, lambdas } = rig();
		accounts = seedScalePlatform(sandbox, NOW);
		plan = await lambdas.planner.handler(
			{ runId: 'run-1', startedAt: STARTED_AT, request: {} },
			lambdaContext,
		);
		// An account created between planning and the workers must still be reconciled.
		lateAccount = sandbox.state.createConnectedAccount({ country: 'US' }).id;
		sandbox.clearRequests();
		results = await runScaleWorkers(lambdas, plan);
	});

	it('reconciles every account exactly once across the batches, including one created after planning', () => {
		const total = results.reduce((sum, result) => sum + result.summary.accounts.total, 0);
		const completed = results.reduce((sum, result) => sum + result.summary.accounts.completed, 0);
		expect(total).toBe(6);
		expect(completed).toBe(6);
		const payoutEvents = rig()
			.standIn.accepted()
			.filter((entry) => entry.DetailType !== 'Reconciliation Completed');
		const byType = Object.fromEntries(
			payoutEvents.map((entry) => [entry.DetailType, entry.detail.account]),
		);
		expect(byType).toEqual({
			'Payout Failed': accounts[0],
			'Payout Mismatch': accounts[1],
			'Payout Reconciled': accounts[2],
			'Payout Overdue': accounts[3],
		});
		expect(payoutEvents).toHaveLength(4);
		expect(payoutEvents.every((entry) => entry.EventBusName === 'stripe-connect-jobs-test')).toBe(
			true,
		);
		expect(lateAccount).toMatch(/^acct_/);
	});

	it('reads each batch from its own place in the account list', () => {
		const { sandbox } = rig();
		const listings = sandbox.requests({ method: 'GET', path: '/v1/accounts' });
		expect(listings.map((request) => request.query.starting_after ?? null)).toEqual(
			plan.batches.map((batch) => batch.after),
		);
		expect(listings.every((request) => request.query.limit === '100')).toBe(true);
		// The payouts are read on the connected accounts themselves.
		const payoutListings = sandbox.requests({ method: 'GET', path: '/v1/payouts' });
		expect(new Set(payoutListings.map((request) => request.stripeAccount))).toEqual(
			new Set([...accounts, lateAccount]),
		);
	});
});
