import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { RECONCILIATION_SOURCE } from '../../../functions/reconcilePayouts/events';
import { reconcileAccounts } from '../../../functions/reconcilePayouts/reconcile';
import {
	publishMergedSummary,
	reconcileAndPublishBatch,
	runReconciliation,
} from '../../../functions/reconcilePayouts/run';
import { createEventBridgePublisher } from '../../../functions/shared/eventPublisher';
import { createCollectingSink } from '../../../functions/shared/eventSinks';
import { EventPublishError } from '../../../functions/shared/jobEvents';
import { startSandbox, validateStripeRequest, type StripeSandbox } from '../../../stripe-sandbox';
import { eventBridgeClientFor } from '../../support/eventBridgeClient';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import { stopAfterChecks, stripeFor, testBudget } from '../../support/jobHarness';

const NOW = 1_795_000_000;
const HOUR = 3600;
const DAY = 24 * HOUR;
const window = { since: NOW - 30 * HOUR, until: NOW };
const GRACE = 2 * DAY;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('payout reconciliation against the sandbox', () => {
	let sandbox: StripeSandbox;
	let standIn: EventBridgeStandIn;

	beforeEach(async () => {
		sandbox = await startSandbox({ now: NOW });
		standIn = await startEventBridgeStandIn();
	});
	afterEach(async () => {
		await sandbox.close();
		await standIn.close();
	});

	function publisher() {
		return createEventBridgePublisher({
			client: eventBridgeClientFor(standIn.url),
			eventBusName: 'reconciliation-bus',
			sleep: async () => {},
		});
	}

	function run(overrides: Partial<Parameters<typeof runReconciliation>[0]> = {}) {
		return runReconciliation({
			stripe: stripeFor(sandbox),
			budget: testBudget(),
			accounts: undefined,
			window,
			now: NOW,
			overdueGraceSeconds: GRACE,
			sink: publisher(),
			clock: () => 0,
			...overrides,
		});
	}

	/** `count` US accounts, each with one automatic payout that arrived an hour ago. */
	function accountsWithOnePayout(count: number) {
		const accounts = Array.from({ length: count }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		for (const account of accounts) {
			sandbox.state.createAutomaticPayout({
				account: account.id,
				currency: 'usd',
				arrival_date: NOW - HOUR,
			});
		}
		return accounts;
	}

	/** One account per currency, holding a payout of every kind. */
	function seedEveryOutcome() {
		const us = sandbox.state.createConnectedAccount({ country: 'US' });
		const jp = sandbox.state.createConnectedAccount({ country: 'JP' });
		const reconciled = sandbox.state.createAutomaticPayout({
			account: us.id,
			currency: 'usd',
			created: NOW - 30 * HOUR + 60,
			arrival_date: NOW - 6 * HOUR,
			transactions: [
				{ type: 'charge', amount: 12_000, fee: 378 },
				{ type: 'charge', amount: 5_000, fee: 175 },
				{ type: 'refund', amount: -2_000 },
				{ type: 'application_fee', amount: -500 },
			],
		});
		const mismatch = sandbox.state.createAutomaticPayout({
			account: us.id,
			currency: 'usd',
			arrival_date: NOW - 5 * HOUR,
			transactions: [{ type: 'charge', amount: 4_000, fee: 146 }],
			mismatchBy: 150,
		});
		const failed = sandbox.state.createAutomaticPayout({
			account: us.id,
			currency: 'usd',
			arrival_date: NOW - 4 * HOUR,
			amount: 7_500,
			status: 'failed',
			failure_code: 'account_closed',
		});
		const manual = sandbox.state.createManualPayout({
			account: us.id,
			amount: 3_000,
			currency: 'usd',
			arrival_date: NOW - 3 * HOUR,
		});
		const instant = sandbox.state.createManualPayout({
			account: us.id,
			amount: 1_200,
			currency: 'usd',
			method: 'instant',
			arrival_date: NOW - 2 * HOUR,
		});
		const inProgress = sandbox.state.createAutomaticPayout({
			account: us.id,
			currency: 'usd',
			arrival_date: NOW - HOUR,
			amount: 900,
			reconciliation_status: 'in_progress',
		});
		const overdue = sandbox.state.createAutomaticPayout({
			account: us.id,
			currency: 'usd',
			created: NOW - 5 * DAY,
			arrival_date: NOW - 3 * DAY,
			amount: 2_500,
			status: 'in_transit',
		});
		const yen = sandbox.state.createAutomaticPayout({
			account: jp.id,
			currency: 'jpy',
			arrival_date: NOW - 10 * HOUR,
			transactions: [
				{ type: 'charge', amount: 15_000, fee: 540 },
				{ type: 'charge', amount: 3_300, fee: 119 },
			],
		});
		return { us, jp, reconciled, mismatch, failed, manual, instant, inProgress, overdue, yen };
	}

	it('publishes the exact event for every outcome, then one summary', async () => {
		const seeded = seedEveryOutcome();
		const result = await run({ accounts: [seeded.us.id, seeded.jp.id] });

		const published = standIn.accepted();
		expect(published.every((entry) => entry.Source === RECONCILIATION_SOURCE)).toBe(true);
		expect(published.every((entry) => entry.EventBusName === 'reconciliation-bus')).toBe(true);
		const byPayout = new Map(published.map((entry) => [entry.detail.payout, entry]));
		expect(published.map((entry) => entry.DetailType).sort()).toEqual(
			[
				'Payout Reconciled',
				'Payout Mismatch',
				'Payout Failed',
				'Payout Not Reconcilable',
				'Payout Not Reconcilable',
				'Payout Overdue',
				'Payout Reconciled',
				'Reconciliation Completed',
			].sort(),
		);

		const us = seeded.us.id;
		expect(byPayout.get(seeded.reconciled.id)?.detail).toEqual({
			eventKey: `reconciliation:${us}:${seeded.reconciled.id}:reconciled`,
			account: us,
			payout: seeded.reconciled.id,
			amount: 13_947,
			currency: 'usd',
			arrivalDate: iso(NOW - 6 * HOUR),
			transactionCount: 4,
			gross: 14_500,
			fees: 553,
			net: 13_947,
			breakdown: {
				charge: { count: 2, gross: 17_000, fees: 553, net: 16_447 },
				refund: { count: 1, gross: -2_000, fees: 0, net: -2_000 },
				application_fee: { count: 1, gross: -500, fees: 0, net: -500 },
			},
		});
		expect(byPayout.get(seeded.mismatch.id)).toMatchObject({
			DetailType: 'Payout Mismatch',
			detail: {
				eventKey: `reconciliation:${us}:${seeded.mismatch.id}:mismatch`,
				account: us,
				amount: 4_004,
				currency: 'usd',
				expected: 4_004,
				actual: 3_854,
				difference: -150,
				transactionCount: 1,
			},
		});
		expect(byPayout.get(seeded.failed.id)).toMatchObject({
			DetailType: 'Payout Failed',
			detail: {
				eventKey: `reconciliation:${us}:${seeded.failed.id}:failed`,
				amount: 7_500,
				currency: 'usd',
				failureCode: 'account_closed',
				failureMessage: seeded.failed.failure_message,
			},
		});
		expect(typeof seeded.failed.failure_message).toBe('string');
		expect(byPayout.get(seeded.manual.id)?.detail).toMatchObject({
			reason: 'manual',
			method: 'standard',
			automatic: false,
			amount: 3_000,
		});
		expect(byPayout.get(seeded.instant.id)?.detail).toMatchObject({
			reason: 'instant',
			method: 'instant',
			amount: 1_200,
		});
		expect(byPayout.get(seeded.overdue.id)).toMatchObject({
			DetailType: 'Payout Overdue',
			detail: {
				status: 'in_transit',
				overdueSeconds: DAY,
				amount: 2_500,
				arrivalDate: iso(NOW - 3 * DAY),
			},
		});
		expect(byPayout.get(seeded.yen.id)?.detail).toMatchObject({
			account: seeded.jp.id,
			currency: 'jpy',
			amount: 17_641,
			gross: 18_300,
			fees: 659,
			net: 17_641,
		});
		expect(byPayout.has(seeded.inProgress.id)).toBe(false);

		const completed = published.at(-1);
		expect(completed?.DetailType).toBe('Reconciliation Completed');
		expect(completed?.detail).toMatchObject({
			account: null,
			payout: null,
			amount: null,
			currency: null,
			window: { since: iso(window.since), until: iso(window.until) },
			accounts: { total: 2, completed: 2, notReached: [] },
			payouts: {
				reconciled: 2,
				mismatch: 1,
				failed: 1,
				overdue: 1,
				not_reconcilable: 2,
				reconciliation_pending: 1,
				in_flight: 0,
				canceled: 0,
			},
			amountsByCurrency: {
				usd: {
					reconciled: 13_947,
					mismatch: 4_004,
					failed: 7_500,
					not_reconcilable: 4_200,
					reconciliation_pending: 900,
					overdue: 2_500,
				},
				jpy: { reconciled: 17_641 },
			},
			apiCalls: 5,
			retries: 0,
		});
		expect(result.summary.apiCalls).toBe(5);
	});

	it('makes only the calls the data requires, each with the account header and exact query', async () => {
		const seeded = seedEveryOutcome();
		await run({ accounts: [seeded.us.id, seeded.jp.id] });

		const requests = sandbox.requests();
		expect(requests.every((request) => request.method === 'GET' && request.status === 200)).toBe(
			true,
		);
		const payoutLists = requests.filter((request) => request.path === '/v1/payouts');
		expect(payoutLists.map((request) => request.stripeAccount).sort()).toEqual(
			[seeded.jp.id, seeded.us.id].sort(),
		);
		for (const request of payoutLists) {
			expect(request.query).toEqual({
				limit: '100',
				arrival_date: { gte: String(window.since - GRACE), lt: String(window.until) },
			});
		}
		const transactionLists = requests.filter(
			(request) => request.path === '/v1/balance_transactions',
		);
		expect(
			transactionLists.map((request) => [request.stripeAccount, request.query.payout]).sort(),
		).toEqual(
			[
				[seeded.us.id, seeded.reconciled.id],
				[seeded.us.id, seeded.mismatch.id],
				[seeded.jp.id, seeded.yen.id],
			].sort(),
		);
		for (const request of transactionLists) {
			expect(request.query.limit).toBe('100');
			expect(request.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		}
		expect(requests).toHaveLength(5);
		for (const request of requests) {
			expect(() =>
				validateStripeRequest(request.method, request.path, request.query),
			).not.toThrow();
		}
	});

	it('lists every connected account across pages when none are configured', async () => {
		const accounts = Array.from({ length: 103 }, () =>
			sandbox.state.createConnectedAccount({ country: 'GB' }),
		);
		const last = accounts[accounts.length - 1];
		sandbox.state.createAutomaticPayout({
			account: last.id,
			currency: 'gbp',
			arrival_date: NOW - HOUR,
			amount: 4_200,
		});
		const result = await run();

		const accountLists = sandbox.requests({ path: '/v1/accounts' });
		expect(accountLists).toHaveLength(2);
		expect(accountLists[1].query.starting_after).toBe(
			(accountLists[0].responseBody as { data: Array<{ id: string }> }).data[99].id,
		);
		expect(result.summary.accounts).toEqual({ total: 103, completed: 103, notReached: [] });
		expect(result.summary.payouts.reconciled).toBe(1);
		expect(result.summary.apiCalls).toBe(2 + 103 + 1);
		expect(standIn.accepted().map((entry) => entry.DetailType)).toEqual([
			'Payout Reconciled',
			'Reconciliation Completed',
		]);
	});

	it('follows multi-page payouts and multi-page transactions', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'FR' });
		for (let index = 0; index < 120; index++) {
			sandbox.state.createManualPayout({
				account: account.id,
				amount: 100 + index,
				currency: 'eur',
				arrival_date: NOW - 20 * HOUR + index,
			});
		}
		const big = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'eur',
			arrival_date: NOW - HOUR,
			transactions: Array.from({ length: 230 }, (_, index) => ({
				type: index % 10 === 0 ? 'refund' : 'charge',
				amount: index % 10 === 0 ? -300 : 1_000,
				fee: index % 10 === 0 ? 0 : 59,
			})),
		});
		const result = await run({ accounts: [account.id] });

		expect(sandbox.requests({ path: '/v1/payouts' })).toHaveLength(2);
		const transactionPages = sandbox.requests({ path: '/v1/balance_transactions' });
		expect(transactionPages).toHaveLength(3);
		expect(transactionPages[0].query.starting_after).toBeUndefined();
		expect(transactionPages[1].query.starting_after).toBeDefined();
		expect(result.summary.payouts).toMatchObject({ not_reconcilable: 120, reconciled: 1 });
		const reconciled = result.outcomes.find((outcome) => outcome.payout === big.id);
		expect(reconciled).toMatchObject({
			kind: 'reconciled',
			transactionCount: 230,
			gross: 207 * 1_000 - 23 * 300,
			fees: 207 * 59,
			net: 207 * (1_000 - 59) - 23 * 300,
			breakdown: {
				charge: { count: 207, gross: 207_000, fees: 207 * 59, net: 207 * 941 },
				refund: { count: 23, gross: -6_900, fees: 0, net: -6_900 },
			},
		});
		expect(standIn.accepted()).toHaveLength(122);
	});

	it('retries injected 429s and 5xx and still publishes exactly the same events', async () => {
		const baselineSeed = seedEveryOutcome();
		const accounts = [baselineSeed.us.id, baselineSeed.jp.id];
		const baseline = await run({ accounts, sink: createCollectingSink() });

		sandbox.clearRequests();
		sandbox.injectFaults({ status: 429, times: 2, match: { path: '/v1/balance_transactions' } });
		sandbox.injectFaults({ status: 500, times: 1, match: { path: '/v1/payouts' } });
		sandbox.injectFaults({
			status: 503,
			times: 1,
			shouldRetry: true,
			match: { path: '/v1/balance_transactions' },
		});
		const budget = testBudget();
		const retried = await run({ accounts, budget });

		expect(budget.stats()).toMatchObject({
			apiCalls: 9,
			retries: 4,
			rateLimited: 2,
			serverErrors: 2,
		});
		expect(
			sandbox
				.requests()
				.map((request) => request.status)
				.sort(),
		).toEqual([200, 200, 200, 200, 200, 429, 429, 500, 503]);
		const withoutRunFigures = (events: typeof baseline.published) =>
			events.map((event) =>
				event.detailType === 'Reconciliation Completed'
					? { ...event, detail: { ...event.detail, apiCalls: 0, retries: 0 } }
					: event,
			);
		expect(withoutRunFigures(retried.published)).toEqual(withoutRunFigures(baseline.published));
		expect(standIn.accepted().map((entry) => entry.detail)).toEqual(
			retried.published.map((event) => event.detail),
		);
		expect(standIn.accepted().at(-1)?.detail).toMatchObject({ apiCalls: 9, retries: 4 });
	});

	it('stays under a sandbox rate limit by slowing down on 429', async () => {
		const accounts = accountsWithOnePayout(12);
		sandbox.setRateLimit(10);
		const budget = testBudget({ requestsPerSecond: 200, maxAttempts: 10, minRequestsPerSecond: 2 });
		const result = await run({ accounts: accounts.map((account) => account.id), budget });

		expect(result.summary.accounts.completed).toBe(12);
		expect(result.summary.payouts.reconciled).toBe(12);
		const stats = budget.stats();
		expect(stats.rateLimited).toBeGreaterThan(0);
		expect(stats.currentRequestsPerSecond).toBeLessThan(200);
		expect(sandbox.requests().filter((request) => request.status === 429)).toHaveLength(
			stats.rateLimited,
		);
	});

	it('lists an account that keeps failing as not reached and reconciles the others', async () => {
		const seeded = seedEveryOutcome();
		sandbox.injectFaults({ status: 500, times: 5, match: { path: '/v1/payouts' } });
		const result = await run({ accounts: [seeded.us.id, seeded.jp.id], accountConcurrency: 1 });

		expect(result.summary.accounts.completed).toBe(1);
		expect(result.summary.accounts.notReached).toEqual([
			{ account: seeded.us.id, reason: 'error', message: 'An unknown error occurred' },
		]);
		expect(result.outcomes.every((outcome) => outcome.account === seeded.jp.id)).toBe(true);
		expect(standIn.accepted().at(-1)?.detail.accounts).toEqual({
			total: 2,
			completed: 1,
			notReachedCount: 1,
			notReached: [
				{ account: seeded.us.id, reason: 'error', message: 'An unknown error occurred' },
			],
		});
	});

	it('stops before the deadline and reports the accounts it did not reach', async () => {
		const accounts = accountsWithOnePayout(5);
		const ids = accounts.map((account) => account.id);
		const result = await run({
			accounts: ids,
			timeBudget: stopAfterChecks(4),
			accountConcurrency: 1,
		});

		// Each finished account checks twice: before it starts and before listing its payout's transactions.
		expect(result.summary.accounts.completed).toBe(2);
		expect(result.summary.accounts.notReached).toEqual(
			ids.slice(2).map((account) => ({ account, reason: 'time_budget' })),
		);
		expect(standIn.accepted().map((entry) => entry.DetailType)).toEqual([
			'Payout Reconciled',
			'Payout Reconciled',
			'Reconciliation Completed',
		]);
	});

	it('delivers every event despite EventBridge partial failures and throttling', async () => {
		const seeded = seedEveryOutcome();
		standIn.failEntries({ errorCode: 'InternalFailure', times: 2 });
		standIn.failEntries({ errorCode: 'ThrottlingException', times: 1 });
		standIn.failRequests({ status: 400, type: 'ThrottlingException', times: 1 });
		const result = await run({ accounts: [seeded.us.id, seeded.jp.id] });

		expect(
			standIn
				.accepted()
				.map((entry) => entry.detail.eventKey)
				.sort(),
		).toEqual(result.published.map((event) => event.detail.eventKey).sort());
		expect(standIn.requests().map((request) => request.status)).toEqual([400, 200, 200]);
		expect(standIn.requests()[2].entries).toHaveLength(3);
	});

	it('fails the run loudly after publishing what it could when EventBridge rejects entries', async () => {
		const seeded = seedEveryOutcome();
		standIn.failEntries({
			errorCode: 'AccessDeniedException',
			match: (entry) => entry.DetailType === 'Payout Failed',
		});
		const failure = await run({ accounts: [seeded.us.id, seeded.jp.id] }).catch(
			(error: unknown) => error,
		);

		expect(failure).toBeInstanceOf(EventPublishError);
		expect(
			(failure as EventPublishError).undelivered.map((entry) => entry.event.detailType),
		).toEqual(['Payout Failed']);
		expect(standIn.accepted()).toHaveLength(7);
	});

	it('exposes reconcileAccounts for one batch without publishing', async () => {
		const seeded = seedEveryOutcome();
		const result = await reconcileAccounts({
			stripe: stripeFor(sandbox),
			budget: testBudget(),
			accounts: [seeded.jp.id],
			window,
			now: NOW,
			overdueGraceSeconds: GRACE,
		});
		expect(result.events.map((event) => event.detailType)).toEqual(['Payout Reconciled']);
		expect(result.summary).toMatchObject({
			accounts: { total: 1, completed: 1, notReached: [] },
			apiCalls: 2,
			eventsPublished: 0,
		});
		expect(standIn.requests()).toHaveLength(0);
	});

	it('splits into batches for scale mode and merges them into the same summary as one run', async () => {
		const seeded = seedEveryOutcome();
		const extra = sandbox.state.createConnectedAccount({ country: 'DE' });
		sandbox.state.createAutomaticPayout({
			account: extra.id,
			currency: 'eur',
			arrival_date: NOW - HOUR,
			amount: 800,
		});
		const accounts = [seeded.us.id, seeded.jp.id, extra.id];
		const single = await run({ accounts, sink: createCollectingSink() });

		const common = {
			stripe: stripeFor(sandbox),
			window,
			now: NOW,
			overdueGraceSeconds: GRACE,
			sink: publisher(),
		};
		const batches = await Promise.all([
			reconcileAndPublishBatch({ ...common, budget: testBudget(), accounts: [seeded.us.id] }),
			reconcileAndPublishBatch({
				...common,
				budget: testBudget(),
				accounts: [seeded.jp.id, extra.id],
			}),
		]);
		// A Distributed Map passes results as JSON.
		const { summary, event } = await publishMergedSummary(
			JSON.parse(JSON.stringify(batches)),
			publisher(),
			0,
		);

		expect(batches.map((batch) => batch.eventsPublished)).toEqual([6, 2]);
		expect(summary.payouts).toEqual(single.summary.payouts);
		expect(summary.amountsByCurrency).toEqual(single.summary.amountsByCurrency);
		expect(summary.accounts).toEqual({ total: 3, completed: 3, notReached: [] });
		expect(summary.apiCalls).toBe(single.summary.apiCalls);
		expect(summary.eventsPublished).toBe(9);
		expect(event.detail.eventKey).toBe(single.published.at(-1)?.detail.eventKey);
		expect(
			standIn
				.accepted()
				.map((entry) => entry.detail.eventKey)
				.sort(),
		).toEqual(single.published.map((published) => published.detail.eventKey).sort());
	});
});
