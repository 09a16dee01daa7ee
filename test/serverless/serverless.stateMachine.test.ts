// The scale-mode state machine as `npm run package` writes it, executed by the local Amazon States
// Language interpreter (aws-local-stepfunctions 3.0.0) with every Lambda task bound to the real
// handler, against the Stripe sandbox and the EventBridge stand-in. What the interpreter does not do
// (Distributed Map's tolerance, ItemReader, ResultWriter…) and what this suite covers instead is in
// docs/deploy.md, "What is proven locally".
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { RECONCILIATION_DETAIL_TYPES } from '../../functions/reconcilePayouts/events';
import type {
	BatchAttemptResult,
	BatchInput,
	ReconciliationPlan,
} from '../../functions/reconcilePayouts/scale/batches';
import type { RunSummary } from '../../functions/reconcilePayouts/scale/runSummary';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../support/eventBridgeStandIn';
import {
	loadHandlers,
	localFunctionEnvironment,
	packagedStateMachine,
	runExecution,
	watchRequestRate,
	type ExecutionOutcome,
	type InvocationHooks,
	type LambdaHandler,
	type PackagedFunction,
	type PackagedStateMachine,
	type RequestRate,
} from '../support/scaleStateMachine';
import {
	accountsInListOrder,
	checkPayoutEvents,
	DETAIL_TYPE,
	seedPayoutPlatform,
	type SeededPlatform,
} from '../support/payoutPlatform';
import { packageService, removePackagedServices, repositoryRoot } from './stack';

/** The platform's Stripe budget and each worker's rate: MaxConcurrency = 250 / 50 = 5. */
const BUDGET = 250;
const WORKER_RATE = 50;
const BATCH_SIZE = 100;
const PARAMS = {
	reconcileMode: 'scale',
	stripeRequestBudgetPerSecond: String(BUDGET),
	scaleWorkerRequestsPerSecond: String(WORKER_RATE),
	scaleBatchSize: String(BATCH_SIZE),
	scaleToleratedFailurePercentage: '5',
};
const HOUR = 3600;
const { completed: COMPLETED } = RECONCILIATION_DETAIL_TYPES;

let machine: PackagedStateMachine;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
	const packaged = await packageService('prod', PARAMS);
	machine = packagedStateMachine(packaged.template, repositoryRoot);
}, 300_000);

afterAll(async () => {
	process.env = savedEnvironment;
	await removePackagedServices();
});

/** A sandbox, a stand-in and the three handlers loaded against them, as three cold starts. */
interface LocalRun {
	sandbox: StripeSandbox;
	standIn: EventBridgeStandIn;
	handlers: Map<string, LambdaHandler>;
	execute(input: unknown, hooks?: InvocationHooks): Promise<ExecutionOutcome>;
	close(): Promise<void>;
}

let executions = 0;

async function startLocalRun(
	overrides: (packaged: PackagedFunction) => Record<string, string | undefined> = () => ({}),
): Promise<LocalRun> {
	const sandbox = await startSandbox();
	const standIn = await startEventBridgeStandIn();
	vi.resetModules();
	const handlers = await loadHandlers(machine, (packaged) =>
		localFunctionEnvironment(
			packaged,
			{
				stripeApiBase: sandbox.url,
				stripeSecretKey: sandbox.secretKey,
				eventBridgeUrl: standIn.url,
			},
			overrides(packaged),
		),
	);
	return {
		sandbox,
		standIn,
		handlers,
		execute: (input, hooks) =>
			runExecution(machine, handlers, {
				input,
				name: `run-${++executions}`,
				hooks,
				// The backoff between attempts (15–60 s) and Lambda retries (5 s) are not waited for here.
				waitMs: 0,
				retryIntervalMs: 0,
			}),
		close: async () => {
			await sandbox.close();
			await standIn.close();
		},
	};
}

/** Runs `work` on a fresh local run, closed afterwards whatever happens. */
async function withLocalRun(
	work: (local: LocalRun) => Promise<void>,
	overrides?: (packaged: PackagedFunction) => Record<string, string | undefined>,
): Promise<void> {
	const local = await startLocalRun(overrides);
	try {
		await work(local);
	} finally {
		await local.close();
	}
}

const WORKER = 'stripe-connect-jobs-prod-reconcilePayoutsWorker';
const PLANNER = 'stripe-connect-jobs-prod-reconcilePayoutsPlanner';
const SUMMARY = 'stripe-connect-jobs-prod-reconcilePayoutsSummary';

/** Hooks under which Lambda throttles the first invocation of `functionName`: it never runs. */
function throttledOnce(functionName: string) {
	const throttle = {
		count: 0,
		hooks: {
			beforeInvoke(packaged) {
				if (packaged.functionName !== functionName || throttle.count > 0) return;
				throttle.count++;
				const error = new Error('Rate Exceeded.');
				error.name = 'Lambda.TooManyRequestsException';
				throw error;
			},
		} satisfies InvocationHooks,
	};
	return throttle;
}

function invocationsOf(outcome: ExecutionOutcome, functionName: string) {
	return outcome.invocations.filter((invocation) => invocation.functionName === functionName);
}

function planOf(outcome: ExecutionOutcome): ReconciliationPlan {
	const [planner] = invocationsOf(outcome, PLANNER);
	return planner.result as ReconciliationPlan;
}

/** Checks that every seeded payout has exactly one event, of its kind, and nothing was sent twice. */
function expectOneEventPerPayout(standIn: EventBridgeStandIn, platform: SeededPlatform) {
	const check = checkPayoutEvents(platform, standIn.accepted());
	expect(
		check.wrong,
		`${platform.expected.size - check.asSeeded} payouts without exactly their one event`,
	).toEqual([]);
	expect(check.payoutsWithEvents).toBe(platform.expected.size);
	expect(check.duplicateKeys).toEqual([]);
}

function completedEvents(standIn: EventBridgeStandIn) {
	return standIn.accepted().filter((entry) => entry.DetailType === COMPLETED);
}

describe('a scale run of 5,000 connected accounts', () => {
	let local: LocalRun;
	let platform: SeededPlatform;
	let outcome: ExecutionOutcome;
	let requestRate: RequestRate;

	beforeAll(async () => {
		local = await startLocalRun();
		platform = seedPayoutPlatform(local.sandbox, 5_000, [7, 1_234, 2_500, 3_777, 4_990]);
		// Stripe's own limiter, set to the platform's budget: going over it would answer 429.
		local.sandbox.setRateLimit(BUDGET);
		const rate = watchRequestRate(() => local.sandbox.requests().length);
		outcome = await local.execute(machine.scheduleInput);
		requestRate = rate.stop();
	}, 900_000);

	afterAll(() => local.close());

	it('succeeds with exactly one outcome event per payout and one summary', () => {
		expect(outcome.status).toBe('SUCCEEDED');
		expect(outcome.output).toMatchObject({ complete: true, withinTolerance: true });
		expectOneEventPerPayout(local.standIn, platform);
		const [completed, ...more] = completedEvents(local.standIn);
		expect(more).toHaveLength(0);
		const seededCounts: Record<string, number> = {};
		const kindOf = Object.fromEntries(
			Object.entries(DETAIL_TYPE).map(([kind, type]) => [type, kind]),
		);
		for (const { detailType } of platform.expected.values()) {
			seededCounts[kindOf[detailType]] = (seededCounts[kindOf[detailType]] ?? 0) + 1;
		}
		expect(seededCounts).toEqual({
			reconciled: 500,
			failed: 500,
			mismatch: 100,
			not_reconcilable: 3_900 + 5 * 249,
		});
		expect(completed.detail).toMatchObject({
			mode: 'scale',
			complete: true,
			failedBatches: [],
			accounts: { total: 5_000, completed: 5_000, notReachedCount: 0 },
			payouts: seededCounts,
		});
	});

	it('makes at most 1.02 × the calls one Lambda needs for the same data, and counts them all', () => {
		const calls = local.sandbox.requests().length;
		const ratio = calls / platform.minimumCalls;
		console.info(
			`scale run: ${calls} Stripe calls for a single-run minimum of ${platform.minimumCalls}: ratio ${ratio.toFixed(4)}`,
		);
		expect(ratio).toBeLessThanOrEqual(1.02);
		// The planner's calls are in the summary too: it reports what Stripe received.
		expect(completedEvents(local.standIn)[0].detail.apiCalls).toBe(calls);
	});

	it('never runs more workers at once than MaxConcurrency, whose rates stay within the budget', () => {
		const map = machine.definition.States.ReconcileBatches as { MaxConcurrency: number };
		const worker = [...machine.functions.values()].find((fn) => fn.functionName === WORKER);
		const workerRate = Number(worker?.environment.STRIPE_REQUESTS_PER_SECOND);
		expect(map.MaxConcurrency * workerRate).toBeLessThanOrEqual(BUDGET);
		const peak = outcome.peakConcurrency.get(WORKER) ?? 0;
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(map.MaxConcurrency);
		// Measured where Stripe measures it: the sandbox's own limiter, set to the budget, answered no
		// 429, and its request log shows the run within the budget. Its busiest second is printed,
		// not asserted: the log holds answer times, and a loaded process answers in bursts.
		expect(local.sandbox.requests().filter((request) => request.status === 429)).toEqual([]);
		console.info(
			`scale run: ${requestRate.averagePerSecond.toFixed(0)} requests/s on average, busiest second ${requestRate.peakPerSecond.toFixed(0)}/s, for a budget of ${BUDGET}/s`,
		);
		expect(requestRate.requests).toBe(local.sandbox.requests().length);
		expect(requestRate.averagePerSecond).toBeLessThanOrEqual(BUDGET);
	});

	it('hands the schedule’s input to the planner and the plan’s window and accounts to every batch unchanged', () => {
		expect(machine.scheduleInput).toEqual({});
		const [planner] = invocationsOf(outcome, PLANNER);
		expect((planner.event as { request: unknown }).request).toEqual({});
		const plan = planOf(outcome);
		expect(plan.batches).toHaveLength(50);
		const workers = invocationsOf(outcome, WORKER).map(
			(invocation) => invocation.event as BatchInput,
		);
		expect(workers).toHaveLength(50);
		for (const event of workers) {
			expect(event).toMatchObject({ runId: plan.runId, window: plan.window, now: plan.now });
			expect(event.batch).toEqual(plan.batches[event.batchIndex]);
		}
		// Each account's payouts were listed once, by the batch that holds it.
		const firstPages = local.sandbox
			.requests({ method: 'GET', path: '/v1/payouts' })
			.filter((request) => request.query.starting_after === undefined)
			.map((request) => request.stripeAccount);
		expect(firstPages).toHaveLength(5_000);
		expect(new Set(firstPages)).toEqual(new Set(platform.accounts));
	});
});

describe('a scale run whose batch fails once', () => {
	it('re-lists a batch whose account listing failed and completes, reading nothing else twice', async () => {
		// One failed request exhausts the budget's own attempts here (five 500s in production).
		await withLocalRun(
			async (local) => {
				const platform = seedPayoutPlatform(local.sandbox, 201);
				let injected = false;
				const outcome = await local.execute(machine.scheduleInput, {
					beforeInvoke(packaged) {
						if (packaged.functionName !== WORKER || injected) return;
						injected = true;
						local.sandbox.injectFaults({
							status: 500,
							match: { method: 'GET', path: '/v1/accounts' },
						});
					},
				});
				expect(outcome.status).toBe('SUCCEEDED');
				expect(outcome.output).toMatchObject({ complete: true, withinTolerance: true });
				const failedListing = local.sandbox.requests().filter((request) => request.status === 500);
				expect(failedListing).toHaveLength(1);
				const plan = planOf(outcome);
				const failedBatch = plan.batches.findIndex(
					(batch) => (batch.after ?? undefined) === failedListing[0].query.starting_after,
				);
				const attempts = invocationsOf(outcome, WORKER).map((invocation) => {
					const event = invocation.event as BatchInput;
					return [event.batchIndex, event.progress.attempt];
				});
				expect(attempts.filter(([batch]) => batch === failedBatch)).toEqual([
					[failedBatch, 1],
					[failedBatch, 2],
				]);
				expect(attempts).toHaveLength(plan.batches.length + 1);
				expectOneEventPerPayout(local.standIn, platform);
				expect(completedEvents(local.standIn)).toHaveLength(1);
				// The single-run minimum, one range listing per batch, and the failed listing.
				expect(local.sandbox.requests()).toHaveLength(
					platform.minimumCalls + plan.batches.length + 1,
				);
			},
			(packaged) => (packaged.functionName === WORKER ? { STRIPE_MAX_ATTEMPTS: '1' } : {}),
		);
	}, 300_000);

	it('publishes after a partial delivery only what did not go out, re-reading only its account', async () => {
		await withLocalRun(async (local) => {
			const platform = seedPayoutPlatform(local.sandbox, 201);
			const listed = await accountsInListOrder(local.sandbox);
			// An account of the middle batch with two payouts: one event goes out, one does not.
			const account = listed[150];
			const arrival = local.sandbox.now() - 2 * HOUR;
			const late = local.sandbox.state.createManualPayout({
				account,
				amount: 4_200,
				currency: 'usd',
				arrival_date: arrival,
			});
			platform.expected.set(late.id, {
				account,
				detailType: DETAIL_TYPE.not_reconcilable,
			});
			// Failing five times outlasts the publisher's own four re-sends.
			local.standIn.failEntries({
				errorCode: 'InternalFailure',
				times: 5,
				match: (entry) => entry.detail.payout === late.id,
			});
			const outcome = await local.execute(machine.scheduleInput);

			expect(outcome.status).toBe('SUCCEEDED');
			expect(outcome.output).toMatchObject({ complete: true, withinTolerance: true });
			expectOneEventPerPayout(local.standIn, platform);
			const middle = invocationsOf(outcome, WORKER).filter(
				(invocation) => (invocation.event as BatchInput).batchIndex === 1,
			);
			expect(middle).toHaveLength(2);
			const retry = middle[0].result as Extract<BatchAttemptResult, { retry: unknown }>;
			expect(retry.retry.waitSeconds).toBeGreaterThanOrEqual(15);
			expect(retry.retry.waitSeconds).toBeLessThanOrEqual(30);
			const second = middle[1].event as BatchInput;
			const deliveredFirst = local.standIn
				.accepted()
				.filter((entry) => entry.detail.account === account && entry.detail.payout !== late.id)
				.map((entry) => entry.detail.eventKey);
			expect(second.progress).toMatchObject({ attempt: 2 });
			expect(second.progress.settledAccounts).toHaveLength(99);
			expect(second.progress.settledAccounts).not.toContain(account);
			expect(deliveredFirst).toHaveLength(1);
			expect(second.progress.deliveredEventKeys).toEqual(deliveredFirst);
			// The second attempt listed the range again and read only that account's payouts.
			const payoutReads = local.sandbox
				.requests({ method: 'GET', path: '/v1/payouts' })
				.map((request) => request.stripeAccount);
			expect(payoutReads.filter((read) => read === account)).toHaveLength(2);
			expect(payoutReads).toHaveLength(201 + 1);
			const [completed] = completedEvents(local.standIn);
			expect(completed.detail).toMatchObject({
				complete: true,
				accounts: { total: 201, completed: 201 },
			});
			expect(
				Object.values(completed.detail.payouts as Record<string, number>).reduce((a, b) => a + b),
			).toBe(platform.expected.size);
		});
	}, 300_000);

	it('retries a worker Lambda throttled before it ran, reconciling an explicit window', async () => {
		await withLocalRun(async (local) => {
			const platform = seedPayoutPlatform(local.sandbox, 201);
			const now = local.sandbox.now();
			const request = {
				since: new Date((now - 10 * HOUR) * 1000).toISOString(),
				until: new Date(now * 1000).toISOString(),
			};
			const throttle = throttledOnce(WORKER);
			const outcome = await local.execute(request, throttle.hooks);
			expect(outcome.status).toBe('SUCCEEDED');
			expect(throttle.count).toBe(1);
			expect(invocationsOf(outcome, WORKER)).toHaveLength(3);
			expectOneEventPerPayout(local.standIn, platform);
			// The explicit window reaches every batch as the planner fixed it.
			const window = {
				since: Date.parse(request.since) / 1000,
				until: Date.parse(request.until) / 1000,
			};
			for (const invocation of invocationsOf(outcome, WORKER)) {
				expect((invocation.event as BatchInput).window).toEqual(window);
			}
		});
	}, 300_000);
});

describe('a scale run with failed batches', () => {
	/** A run where EventBridge refuses every event of the accounts of `failing` batches. */
	async function runRefusing(local: LocalRun, failing: number[]) {
		const platform = seedPayoutPlatform(local.sandbox, 201);
		const listed = await accountsInListOrder(local.sandbox);
		const refused = new Set(
			failing.flatMap((batch) => listed.slice(batch * BATCH_SIZE, (batch + 1) * BATCH_SIZE)),
		);
		local.standIn.failEntries({
			errorCode: 'AccessDeniedException',
			match: (entry) => refused.has(entry.detail.account as string),
		});
		const outcome = await local.execute(machine.scheduleInput);
		return { platform, listed, refused, outcome };
	}

	it('fails the execution loudly beyond the tolerance, naming the account ranges not reached', async () => {
		await withLocalRun(async (local) => {
			const { listed, refused, outcome } = await runRefusing(local, [0, 2]);
			expect(outcome.status).toBe('FAILED');
			expect(outcome.error?.Error).toBe('ReconciliationIncomplete');
			// A refused event is not worth a retry: each batch ran once.
			expect(invocationsOf(outcome, WORKER)).toHaveLength(3);
			const [completed, ...more] = completedEvents(local.standIn);
			expect(more).toHaveLength(0);
			expect(completed.detail).toMatchObject({
				complete: false,
				withinTolerance: false,
				toleratedFailedBatches: 1,
				failedBatchCount: 2,
				failedBatches: [
					{
						batchIndex: 0,
						after: null,
						through: listed[99],
						size: 100,
						error: 'EventPublishError',
					},
					{
						batchIndex: 2,
						after: listed[199],
						through: listed[200],
						size: 1,
						error: 'EventPublishError',
					},
				],
				accounts: { total: 201, completed: 100, notReachedCount: 101 },
			});
			// The batch in between finished and published all of its events.
			const delivered = local.standIn.accepted().filter((entry) => entry.DetailType !== COMPLETED);
			expect(new Set(delivered.map((entry) => entry.detail.account))).toEqual(
				new Set(listed.slice(100, 200)),
			);
			expect(delivered.some((entry) => refused.has(entry.detail.account as string))).toBe(false);
		});
	}, 300_000);

	it('succeeds within the tolerance, still reporting the failed batch', async () => {
		await withLocalRun(async (local) => {
			const { listed, outcome } = await runRefusing(local, [2]);
			expect(outcome.status).toBe('SUCCEEDED');
			expect(outcome.output).toMatchObject({
				complete: false,
				withinTolerance: true,
				failedBatches: [{ batchIndex: 2, after: listed[199], through: listed[200] }],
			});
			expect(completedEvents(local.standIn)).toHaveLength(1);
		});
	}, 300_000);

	it('keeps what a batch settled before its Lambda failed, and reports the batch', async () => {
		await withLocalRun(async (local) => {
			const platform = seedPayoutPlatform(local.sandbox, 201);
			const listed = await accountsInListOrder(local.sandbox);
			const account = listed[150];
			local.standIn.failEntries({
				errorCode: 'ThrottlingException',
				times: 5,
				match: (entry) => entry.detail.account === account,
			});
			const outcome = await local.execute(machine.scheduleInput, {
				beforeInvoke(packaged, event) {
					const input = event as BatchInput;
					if (packaged.functionName !== WORKER || input.progress.attempt < 2) return;
					const error = new Error('Task timed out after 900.00 seconds');
					error.name = 'Lambda.Unknown';
					throw error;
				},
			});
			expect(outcome.status).toBe('SUCCEEDED');
			const run = outcome.output as RunSummary;
			expect(run.failedBatches).toEqual([
				{
					batchIndex: 1,
					after: listed[99],
					through: listed[199],
					size: 100,
					error: 'Lambda.Unknown',
					cause: expect.stringContaining('Task timed out'),
				},
			]);
			// The 99 accounts the first attempt settled are counted; the last one is not.
			expect(run.summary.accounts).toMatchObject({ total: 201, completed: 200 });
			const seededOthers = [...platform.expected.values()].filter(
				(expected) => expected.account !== account,
			).length;
			expect(Object.values(run.summary.payouts).reduce((sum, count) => sum + count, 0)).toBe(
				seededOthers,
			);
		});
	}, 300_000);
});

describe('the summary step', () => {
	it('is not retried after it failed to publish, so no second Completed event can follow', async () => {
		await withLocalRun(async (local) => {
			seedPayoutPlatform(local.sandbox, 201);
			const outcome = await local.execute(machine.scheduleInput, {
				beforeInvoke(packaged) {
					if (packaged.functionName !== SUMMARY) return;
					// Every attempt the SDK makes at the summary's one PutEvents fails.
					local.standIn.failRequests({ status: 500, type: 'InternalException', times: 3 });
				},
			});
			expect(outcome.status).toBe('FAILED');
			expect(outcome.error?.Error).toBe('EventPublishError');
			expect(invocationsOf(outcome, SUMMARY)).toHaveLength(1);
			expect(completedEvents(local.standIn)).toHaveLength(0);
		});
	}, 300_000);

	it('is retried when Lambda throttled it before it ran, and publishes once', async () => {
		await withLocalRun(async (local) => {
			seedPayoutPlatform(local.sandbox, 201);
			const throttle = throttledOnce(SUMMARY);
			const outcome = await local.execute(machine.scheduleInput, throttle.hooks);
			expect(outcome.status).toBe('SUCCEEDED');
			expect(throttle.count).toBe(1);
			expect(invocationsOf(outcome, SUMMARY)).toHaveLength(1);
			expect(completedEvents(local.standIn)).toHaveLength(1);
		});
	}, 300_000);
});
