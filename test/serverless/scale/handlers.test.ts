import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ReconciliationPlan } from '../../../functions/reconcilePayouts/scale/batches';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import { stripeFor, testBudget } from '../../support/jobHarness';
import { eventBridgeSettingsFor } from '../../support/lambdaEnvironment';

// The planner, worker and summary Lambdas exactly as deployed (module-scope config from the
// environment), run against the Stripe sandbox and the EventBridge stand-in with the real SDKs.
const NOW = 1_795_000_000;
const HOUR = 3600;
const DAY = 24 * HOUR;
const STARTED_AT = new Date(NOW * 1000).toISOString();
const lambdaContext = { getRemainingTimeInMillis: () => 600_000 };

type Handlers = {
	planner: typeof import('../../../functions/reconcilePayouts/scale/planner');
	worker: typeof import('../../../functions/reconcilePayouts/scale/worker');
	summary: typeof import('../../../functions/reconcilePayouts/scale/summary');
};

let sandbox: StripeSandbox;
let standIn: EventBridgeStandIn;
let handlers: Handlers;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
	sandbox = await startSandbox({ now: NOW });
	standIn = await startEventBridgeStandIn();
	Object.assign(process.env, {
		STRIPE_SECRET_KEY: sandbox.secretKey,
		STRIPE_API_BASE: sandbox.url,
		STRIPE_REQUESTS_PER_SECOND: '1000',
		EVENT_BUS_NAME: 'stripe-connect-jobs-test',
		SCALE_BATCH_SIZE: '2',
		PAYOUT_OVERDUE_GRACE_HOURS: '48',
		...eventBridgeSettingsFor(standIn.url, 'AKIDSTANDIN'),
		POWERTOOLS_LOG_LEVEL: 'SILENT',
		POWERTOOLS_METRICS_DISABLED: 'true',
	});
	delete process.env.STRIPE_SECRET_KEY_PARAMETER;
	handlers = {
		planner: await import('../../../functions/reconcilePayouts/scale/planner'),
		worker: await import('../../../functions/reconcilePayouts/scale/worker'),
		summary: await import('../../../functions/reconcilePayouts/scale/summary'),
	};
});

afterAll(async () => {
	process.env = savedEnvironment;
	await sandbox?.close();
	await standIn?.close();
});

/** Five accounts: a failed, a mismatched, a reconciled and an overdue payout, and one without payouts. */
function seedPlatform() {
	const accounts = Array.from(
		{ length: 5 },
		() => sandbox.state.createConnectedAccount({ country: 'US' }).id,
	);
	sandbox.state.createAutomaticPayout({
		account: accounts[0],
		currency: 'usd',
		arrival_date: NOW - 4 * HOUR,
		amount: 7_500,
		status: 'failed',
		failure_code: 'account_closed',
	});
	sandbox.state.createAutomaticPayout({
		account: accounts[1],
		currency: 'usd',
		arrival_date: NOW - 5 * HOUR,
		transactions: [{ type: 'charge', amount: 4_000, fee: 146 }],
		mismatchBy: 150,
	});
	sandbox.state.createAutomaticPayout({
		account: accounts[2],
		currency: 'usd',
		arrival_date: NOW - 6 * HOUR,
		transactions: [{ type: 'charge', amount: 12_000, fee: 378 }],
	});
	sandbox.state.createAutomaticPayout({
		account: accounts[3],
		currency: 'usd',
		created: NOW - 5 * DAY,
		arrival_date: NOW - 3 * DAY,
		amount: 2_500,
		status: 'in_transit',
	});
	return accounts;
}

describe('scale mode Lambdas', () => {
	let accounts: string[];
	let plan: ReconciliationPlan;
	let lateAccount: string;
	let results: Awaited<ReturnType<Handlers['worker']['handler']>>[];

	beforeAll(async () => {
		accounts = seedPlatform();
		plan = await handlers.planner.handler({ runId: 'run-1', startedAt: STARTED_AT, request: {} });
		// An account created between planning and the workers must still be reconciled.
		lateAccount = sandbox.state.createConnectedAccount({ country: 'US' }).id;
		sandbox.clearRequests();
		results = [];
		for (const [batchIndex, batch] of plan.batches.entries()) {
			results.push(
				await handlers.worker.handler(
					{ runId: plan.runId, batchIndex, batch, window: plan.window, now: plan.now },
					lambdaContext,
				),
			);
		}
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

	it('reconciles every account exactly once across the batches, including one created after planning', () => {
		const total = results.reduce((sum, result) => sum + result.summary.accounts.total, 0);
		const completed = results.reduce((sum, result) => sum + result.summary.accounts.completed, 0);
		expect(total).toBe(6);
		expect(completed).toBe(6);
		const payoutEvents = standIn
			.accepted()
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

	it('publishes one Reconciliation Completed event for the whole run', async () => {
		const run = await handlers.summary.handler({ ...plan, batchResults: results });
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
		const run = await handlers.summary.handler({
			...plan,
			batchResults: [results[0]],
			fanOutError: {
				Error: 'States.ExceedToleratedFailureThreshold',
				Cause: 'too many failed batches',
			},
		});
		expect(run.complete).toBe(false);
		expect(run.failedBatches.map((batch) => batch.batchIndex)).toEqual([1, 2]);
		const last = standIn.accepted().at(-1);
		expect(last?.DetailType).toBe('Reconciliation Completed');
		expect(last?.detail).toMatchObject({ complete: false, failedBatches: run.failedBatches });
	});
});

describe('listRangeAccounts', () => {
	it('fails a batch whose boundary accounts both disappeared instead of reading the whole list', async () => {
		for (let index = 0; index < 250; index++)
			sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.clearRequests();
		const vanished = { after: null, through: 'acct_1Deleted', next: 'acct_1AlsoDeleted', size: 1 };
		await expect(
			handlers.worker.listRangeAccounts(stripeFor(sandbox), testBudget(), vanished),
		).rejects.toThrow(
			/did not end within 102 accounts: both of its boundary accounts disappeared after planning/,
		);
		// It stopped after the page that crossed the limit, well before the end of the list.
		expect(sandbox.requests({ method: 'GET', path: '/v1/accounts' })).toHaveLength(2);
	});
});
