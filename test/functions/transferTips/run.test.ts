import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createEventBridgePublisher } from '../../../functions/shared/eventPublisher';
import { createCollectingSink } from '../../../functions/shared/eventSinks';
import type { JobEvent } from '../../../functions/shared/jobEvents';
import { createStripeClient } from '../../../functions/shared/stripeClient';
import { sliceCreatedRange } from '../../../functions/transferTips/paymentSlices';
import { parsePayPeriod } from '../../../functions/transferTips/period';
import { RETRIEVE_RECIPIENTS_AT_MOST } from '../../../functions/transferTips/plan';
import { runTipTransfers, type TipRunInput } from '../../../functions/transferTips/run';
import { startSandbox, validateStripeRequest, type StripeSandbox } from '../../../stripe-sandbox';
import { eventBridgeClientFor } from '../../support/eventBridgeClient';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';
import { stopAfterChecks, stripeFor, testBudget } from '../../support/jobHarness';
import { TipScenario } from '../../support/tipScenarios';

const NOW = Date.parse('2026-11-11T12:00:00Z') / 1000;
const period = parsePayPeriod('2026-W46', 'UTC');
const GROUP = 'tips-2026-W46';
const minimums = { byCurrency: { jpy: 100 }, fallback: 100 };

const ofType = (events: JobEvent[], detailType: string) =>
	events.filter((event) => event.detailType === detailType).map((event) => event.detail);

describe('weekly tip transfers against the sandbox', () => {
	let sandbox: StripeSandbox;
	let standIn: EventBridgeStandIn;
	let scenario: TipScenario;

	beforeEach(async () => {
		sandbox = await startSandbox({ now: NOW });
		standIn = await startEventBridgeStandIn();
		scenario = new TipScenario(sandbox);
	});
	afterEach(async () => {
		await sandbox.close();
		await standIn.close();
	});

	function run(overrides: Partial<TipRunInput> = {}) {
		return runTipTransfers({
			stripe: stripeFor(sandbox),
			budget: testBudget(),
			period,
			metadataKeys: { amount: 'tip_amount', recipient: 'tip_recipient' },
			minimums,
			dryRun: false,
			sink: createEventBridgePublisher({
				client: eventBridgeClientFor(standIn.url),
				eventBusName: 'tips-bus',
				sleep: async () => {},
			}),
			clock: () => 0,
			...overrides,
		});
	}

	/** `count` US accounts tipped 5.00 USD each, with the platform balance to pay them all. */
	async function fundedRecipients(count: number) {
		const recipients = Array.from({ length: count }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		await scenario.pay(
			recipients.map((recipient) => ({
				amount: 5_000,
				currency: 'usd',
				tip: 500,
				recipient: recipient.id,
			})),
		);
		sandbox.state.fundBalance({ currency: 'usd', amount: 50_000 });
		return recipients;
	}

	const details = (events: Array<{ detail: Record<string, unknown> }>) =>
		events.map((event) => event.detail);

	it('sums many tips per recipient and currency across pages and pays each once, exactly as specified', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US' });
		const bruno = sandbox.state.createConnectedAccount({ country: 'FR' });
		const kenji = sandbox.state.createConnectedAccount({ country: 'JP' });
		const payments = [
			...Array.from({ length: 60 }, (_, index) => ({
				amount: 4_000,
				currency: 'usd',
				tip: 100 + index,
				recipient: alice.id,
			})),
			...Array.from({ length: 45 }, () => ({
				amount: 2_500,
				currency: 'eur',
				tip: 250,
				recipient: bruno.id,
			})),
			...Array.from({ length: 20 }, () => ({
				amount: 3_000,
				currency: 'jpy',
				tip: 300,
				recipient: kenji.id,
			})),
			...Array.from({ length: 5 }, () => ({
				amount: 1_000,
				currency: 'usd',
				tip: 50,
				recipient: bruno.id,
			})),
		];
		await scenario.pay(payments);
		sandbox.state.fundBalance({ currency: 'usd', amount: 100_000 });
		sandbox.state.fundBalance({ currency: 'eur', amount: 100_000 });
		sandbox.state.fundBalance({ currency: 'jpy', amount: 100_000 });
		sandbox.clearRequests();

		const result = await run();

		const aliceTotal = Array.from({ length: 60 }, (_, index) => 100 + index).reduce(
			(a, b) => a + b,
			0,
		);
		const paymentLists = sandbox.requests({ path: '/v1/payment_intents' });
		expect(paymentLists).toHaveLength(2);
		expect(paymentLists[0].query).toEqual({
			limit: '100',
			created: { gte: String(period.start), lt: String(period.end) },
			expand: ['data.latest_charge'],
		});
		expect(paymentLists[1].query.starting_after).toBe(
			(paymentLists[0].responseBody as { data: Array<{ id: string }> }).data[99].id,
		);
		expect(
			sandbox.requests({ method: 'GET', path: '/v1/transfers' }).map((request) => request.query),
		).toEqual([{ limit: '100', transfer_group: GROUP }]);

		const posts = sandbox.requests({ method: 'POST', path: '/v1/transfers' });
		expect(posts.map((request) => request.status)).toEqual([200, 200, 200, 200]);
		const postFor = (destination: string, currency: string) =>
			posts.find(
				(request) => request.body.destination === destination && request.body.currency === currency,
			);
		const alicePost = postFor(alice.id, 'usd');
		expect(alicePost?.rawBody).toBe(
			`amount=${aliceTotal}&currency=usd&destination=${alice.id}&transfer_group=${GROUP}` +
				`&description=Tips%20for%202026-W46%20%2860%20tips%29&metadata[tip_period]=2026-W46&metadata[tip_count]=60`,
		);
		expect(alicePost?.idempotencyKey).toBe(`tips-2026-W46-${alice.id}-usd`);
		expect(alicePost?.stripeAccount).toBeUndefined();
		expect(postFor(bruno.id, 'eur')?.body).toMatchObject({
			amount: String(45 * 250),
			currency: 'eur',
		});
		expect(postFor(bruno.id, 'usd')?.body).toMatchObject({
			amount: '250',
			description: 'Tips for 2026-W46 (5 tips)',
		});
		expect(postFor(kenji.id, 'jpy')?.body).toMatchObject({ amount: '6000', currency: 'jpy' });
		expect(postFor(kenji.id, 'jpy')?.idempotencyKey).toBe(`tips-2026-W46-${kenji.id}-jpy`);

		// Every call the job made is one Stripe's official spec accepts.
		for (const request of sandbox.requests()) {
			const params = request.method === 'GET' ? request.query : request.body;
			expect(() => validateStripeRequest(request.method, request.path, params)).not.toThrow();
		}
		// Three recipients are retrieved one by one (the platform once, to recognise it), and the
		// platform balance is read once to decide whether the transfers may run concurrently.
		expect(sandbox.requests().map((request) => `${request.method} ${request.path}`)).toEqual(
			expect.arrayContaining([
				'GET /v1/account',
				`GET /v1/accounts/${alice.id}`,
				`GET /v1/accounts/${bruno.id}`,
				`GET /v1/accounts/${kenji.id}`,
				'GET /v1/balance',
			]),
		);
		expect(sandbox.requests({ path: '/v1/accounts' })).toHaveLength(0);
		expect(sandbox.requests()).toHaveLength(2 + 1 + 1 + 3 + 1 + 4);

		const accepted = standIn.accepted();
		expect(accepted.every((entry) => entry.Source === 'stripe-connect.tips')).toBe(true);
		const created = accepted
			.filter((entry) => entry.DetailType === 'Tip Transfer Created')
			.map((entry) => entry.detail);
		const transferIds = new Map(
			scenario
				.transfers()
				.map((transfer) => [`${transfer.destination}:${transfer.currency}`, transfer.id]),
		);
		expect(created).toEqual(
			expect.arrayContaining([
				{
					eventKey: `tips:2026-W46:${alice.id}:usd:created`,
					account: alice.id,
					payout: null,
					amount: aliceTotal,
					currency: 'usd',
					transfer: transferIds.get(`${alice.id}:usd`),
					transferGroup: GROUP,
					period: '2026-W46',
					tipCount: 60,
					foundExisting: false,
				},
			]),
		);
		expect(created).toHaveLength(4);
		const completed = accepted.at(-1);
		expect(completed?.DetailType).toBe('Tip Batch Completed');
		expect(completed?.detail).toMatchObject({
			account: null,
			payout: null,
			amount: null,
			currency: null,
			period: '2026-W46',
			periodStart: '2026-11-09T00:00:00.000Z',
			periodEnd: '2026-11-16T00:00:00.000Z',
			paymentsScanned: 130,
			recipients: 3,
			counts: {
				created: 4,
				alreadyTransferred: 0,
				planned: 0,
				skipped: {},
				failed: 0,
				notReached: 0,
			},
			totalsByCurrency: {
				usd: { transferred: aliceTotal + 250, planned: 0, skipped: 0, failed: 0, notReached: 0 },
				eur: { transferred: 11_250, planned: 0, skipped: 0, failed: 0, notReached: 0 },
				jpy: { transferred: 6_000, planned: 0, skipped: 0, failed: 0, notReached: 0 },
			},
		});
		expect(result.summary.counts.created).toBe(4);
		expect(scenario.transferCounts()).toEqual({
			[`${alice.id}:usd`]: 1,
			[`${bruno.id}:eur`]: 1,
			[`${bruno.id}:usd`]: 1,
			[`${kenji.id}:jpy`]: 1,
		});
	});

	it('reduces tips by the refunded share and pays nothing for fully refunded payments', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US' });
		const bruno = sandbox.state.createConnectedAccount({ country: 'US' });
		await scenario.pay([
			{ amount: 10_000, currency: 'usd', tip: 1_000, recipient: alice.id, refund: 2_500 },
			{ amount: 10_000, currency: 'usd', tip: 1_000, recipient: alice.id },
			{ amount: 3_000, currency: 'usd', tip: 600, recipient: bruno.id, refund: 3_000 },
		]);
		sandbox.state.fundBalance({ currency: 'usd', amount: 50_000 });
		const result = await run();

		const created = ofType(result.published, 'Tip Transfer Created');
		expect(created.map((detail) => [detail.account, detail.amount])).toEqual([[alice.id, 1_750]]);
		expect(ofType(result.published, 'Tip Transfer Skipped')).toEqual([
			expect.objectContaining({ account: bruno.id, amount: 0, reason: 'below_minimum' }),
		]);
		expect(sandbox.requests({ method: 'POST', path: '/v1/transfers' })).toHaveLength(1);
	});

	it('skips with a published reason: below minimum, inactive transfers, not a connected account, unusable metadata', async () => {
		const small = sandbox.state.createConnectedAccount({ country: 'US' });
		const blocked = sandbox.state.createConnectedAccount({ country: 'US' });
		const paid = sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.state.setCapabilities(blocked.id, { transfers: 'inactive' });
		const [badAmount] = await scenario.pay([
			{ amount: 5_000, currency: 'usd', tip: '2.50', recipient: paid.id },
			{ amount: 5_000, currency: 'usd', tip: 99, recipient: small.id },
			{ amount: 5_000, currency: 'usd', tip: 400, recipient: blocked.id },
			{ amount: 5_000, currency: 'usd', tip: 400, recipient: 'acct_1NotOnThisPlatform' },
			{ amount: 5_000, currency: 'usd', tip: 400, recipient: sandbox.platformAccountId },
			{ amount: 5_000, currency: 'usd', tip: 700, recipient: paid.id },
		]);
		sandbox.state.fundBalance({ currency: 'usd', amount: 50_000 });
		const result = await run();

		const skipped = ofType(result.published, 'Tip Transfer Skipped');
		const reasonOf = (account: unknown) =>
			skipped.find((detail) => detail.account === account)?.reason;
		expect(reasonOf(small.id)).toBe('below_minimum');
		expect(reasonOf(blocked.id)).toBe('transfers_capability_inactive');
		expect(reasonOf('acct_1NotOnThisPlatform')).toBe('not_connected_account');
		expect(reasonOf(sandbox.platformAccountId)).toBe('not_connected_account');
		expect(skipped.find((detail) => detail.reason === 'invalid_tip_metadata')).toEqual({
			eventKey: `tips:2026-W46:invalid:${badAmount}`,
			account: null,
			payout: null,
			amount: null,
			currency: 'usd',
			period: '2026-W46',
			paymentIntent: badAmount,
			reason: 'invalid_tip_metadata',
			field: 'metadata.tip_amount',
			message:
				'metadata.tip_amount "2.50" is not a whole number of minor units. Set it to the tip in the currency\'s smallest unit (250 = 2.50 USD, 300 = 300 JPY).',
		});
		expect(skipped.find((detail) => detail.account === blocked.id)?.message).toMatch(
			/transfers capability .* is inactive/,
		);
		expect(
			ofType(result.published, 'Tip Transfer Created').map((detail) => [
				detail.account,
				detail.amount,
			]),
		).toEqual([[paid.id, 700]]);
		expect(result.summary.counts.skipped).toEqual({
			invalid_tip_metadata: 1,
			below_minimum: 1,
			transfers_capability_inactive: 1,
			not_connected_account: 2,
		});
		// Below-minimum recipients are not even looked up.
		expect(sandbox.requests({ path: `/v1/accounts/${small.id}` })).toHaveLength(0);
		expect(sandbox.requests({ method: 'POST', path: '/v1/transfers' })).toHaveLength(1);
	});

	it('makes the transfers that fit when the balance is too low and reports the rest with Stripe’s reason, once', async () => {
		// The job pays in a documented order (currency, then recipient id): 600 fits, 700 does not, 300 still does.
		const recipients = Array.from({ length: 3 }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		).sort((a, b) => a.id.localeCompare(b.id));
		const [first, second, third] = recipients;
		await scenario.pay([
			{ amount: 5_000, currency: 'usd', tip: 600, recipient: first.id },
			{ amount: 5_000, currency: 'usd', tip: 700, recipient: second.id },
			{ amount: 5_000, currency: 'usd', tip: 300, recipient: third.id },
		]);
		sandbox.state.fundBalance({ currency: 'usd', amount: 1_000 });
		sandbox.clearRequests();
		const result = await run();

		const posts = sandbox.requests({ method: 'POST', path: '/v1/transfers' });
		expect(posts.map((request) => [request.body.destination, request.status])).toEqual([
			[first.id, 200],
			[second.id, 400],
			[third.id, 200],
		]);
		expect(scenario.transfers().map((transfer) => [transfer.destination, transfer.amount])).toEqual(
			[
				[first.id, 600],
				[third.id, 300],
			],
		);
		expect(ofType(result.published, 'Tip Transfer Failed')).toEqual([
			{
				eventKey: `tips:2026-W46:${second.id}:usd:failed`,
				account: second.id,
				payout: null,
				amount: 700,
				currency: 'usd',
				transferGroup: GROUP,
				period: '2026-W46',
				tipCount: 1,
				failureCode: 'balance_insufficient',
				failureMessage: expect.stringMatching(/^You have insufficient available funds/),
				stripeRequestId: posts[1].requestId,
				outcomeUnknown: false,
				replayedFromEarlierRun: false,
				idempotencyKey: `tips-2026-W46-${second.id}-usd`,
			},
		]);
		expect(
			ofType(result.published, 'Tip Transfer Created').map((detail) => detail.account),
		).toEqual([first.id, third.id]);
		expect(result.summary.counts).toMatchObject({ created: 2, failed: 1 });
		expect(result.summary.totalsByCurrency.usd).toMatchObject({ transferred: 900, failed: 700 });
	});

	it('reports a refusal Stripe replays after a top-up, and pays on a deliberate next attempt', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US' });
		await scenario.pay([{ amount: 5_000, currency: 'usd', tip: 800, recipient: alice.id }]);
		const refused = await run();
		expect(ofType(refused.published, 'Tip Transfer Failed')).toEqual([
			expect.objectContaining({
				failureCode: 'balance_insufficient',
				replayedFromEarlierRun: false,
			}),
		]);

		sandbox.state.fundBalance({ currency: 'usd', amount: 10_000 });
		const replayed = await run();
		expect(ofType(replayed.published, 'Tip Transfer Failed')).toEqual([
			expect.objectContaining({
				failureCode: 'balance_insufficient',
				replayedFromEarlierRun: true,
				idempotencyKey: `tips-2026-W46-${alice.id}-usd`,
			}),
		]);
		expect(scenario.transfers()).toHaveLength(0);

		const secondAttempt = await run({ attempt: 2 });
		expect(ofType(secondAttempt.published, 'Tip Transfer Created')).toEqual([
			expect.objectContaining({ account: alice.id, amount: 800, foundExisting: false }),
		]);
		expect(sandbox.requests({ method: 'POST', path: '/v1/transfers' }).at(-1)?.idempotencyKey).toBe(
			`tips-2026-W46-${alice.id}-usd-attempt-2`,
		);
		const thirdAttempt = await run({ attempt: 3 });
		expect(thirdAttempt.summary.counts).toMatchObject({ created: 0, alreadyTransferred: 1 });
		expect(scenario.transfers()).toHaveLength(1);
	});

	it('publishes transfers while it is still creating the others, and the summary last', async () => {
		await fundedRecipients(25);
		let acceptedMidRun = 0;
		const result = await run({
			hooks: {
				afterTransfer: async (_transfer, index) => {
					if (index !== 20) return;
					// Twenty transfers answered: two full requests went out while the run goes on.
					await vi.waitFor(() => expect(standIn.accepted().length).toBeGreaterThanOrEqual(20), {
						timeout: 5_000,
					});
					acceptedMidRun = standIn.accepted().length;
				},
			},
		});

		expect(acceptedMidRun).toBeGreaterThanOrEqual(20);
		expect(result.summary.counts.created).toBe(25);
		const accepted = standIn.accepted();
		expect(accepted.map((entry) => entry.DetailType)).toEqual([
			...Array.from({ length: 25 }, () => 'Tip Transfer Created'),
			'Tip Batch Completed',
		]);
		expect(new Set(accepted.map((entry) => entry.detail.eventKey))).toEqual(
			new Set(result.published.map((event) => event.detail.eventKey)),
		);
		expect(standIn.requests().every((request) => request.entries.length <= 10)).toBe(true);
	});

	it('has announced the transfers it made when it dies, no summary, and the re-run announces them again', async () => {
		await fundedRecipients(25);
		const { crash, hooks } = killedAfterTransfer(12);
		await expect(run({ hooks })).rejects.toBe(crash);
		const announced = standIn.accepted();
		// At least the first full request of ten; never a summary, never a transfer not made.
		expect(announced.length).toBeGreaterThanOrEqual(10);
		expect(announced.every((entry) => entry.DetailType === 'Tip Transfer Created')).toBe(true);
		const made = new Set(scenario.transfers().map((transfer) => transfer.id));
		expect(announced.every((entry) => made.has(entry.detail.transfer as string))).toBe(true);

		const rerun = await run();
		const keys = new Set(
			ofType(rerun.published, 'Tip Transfer Created').map((detail) => detail.eventKey),
		);
		expect(keys.size).toBe(25);
		expect(announced.every((entry) => keys.has(entry.detail.eventKey as string))).toBe(true);
		expect(standIn.accepted().at(-1)?.DetailType).toBe('Tip Batch Completed');
		expect(Object.values(scenario.transferCounts()).every((count) => count === 1)).toBe(true);
	});

	it('plans without moving money on a dry run', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US' });
		await scenario.pay([{ amount: 5_000, currency: 'usd', tip: 800, recipient: alice.id }]);
		sandbox.clearRequests();
		const sink = createCollectingSink();
		const result = await run({ dryRun: true, sink });

		expect(sandbox.requests({ method: 'POST' })).toHaveLength(0);
		expect(details(sink.events)).toEqual([
			{
				eventKey: `tips:2026-W46:${alice.id}:usd:planned`,
				account: alice.id,
				payout: null,
				amount: 800,
				currency: 'usd',
				transferGroup: GROUP,
				period: '2026-W46',
				tipCount: 1,
				idempotencyKey: `tips-2026-W46-${alice.id}-usd`,
			},
			expect.objectContaining({ dryRun: true, counts: expect.objectContaining({ planned: 1 }) }),
		]);
		expect(sink.events.map((event) => event.detailType)).toEqual([
			'Tip Transfer Planned',
			'Tip Batch Completed',
		]);
		expect(result.summary.totalsByCurrency.usd.planned).toBe(800);
	});

	it('pays no one again on a second run and re-announces the transfers with the same eventKeys', async () => {
		await fundedRecipients(3);
		const first = await run();
		sandbox.clearRequests();
		const second = await run();

		expect(sandbox.requests({ method: 'POST' })).toHaveLength(0);
		// Nothing left to pay: no recipient look-up, no balance read, only the two lists.
		expect(
			sandbox
				.requests()
				.map((request) => `${request.method} ${request.path}`)
				.sort(),
		).toEqual(['GET /v1/payment_intents', 'GET /v1/transfers']);
		const keys = (events: JobEvent[]) =>
			ofType(events, 'Tip Transfer Created').map((detail) => detail.eventKey);
		expect(keys(second.published)).toEqual(keys(first.published));
		expect(
			ofType(second.published, 'Tip Transfer Created').every(
				(detail) => detail.foundExisting === true,
			),
		).toBe(true);
		expect(second.summary.counts).toMatchObject({ created: 0, alreadyTransferred: 3 });
		expect(Object.values(scenario.transferCounts())).toEqual([1, 1, 1]);
	});

	it('stops before the deadline, reports who was not reached, and a re-run pays them', async () => {
		await fundedRecipients(4);
		const first = await run({ timeBudget: stopAfterChecks(2) });
		expect(first.summary.counts).toMatchObject({ created: 2, notReached: 2 });
		expect(first.summary.notReached).toHaveLength(2);

		const second = await run();
		expect(second.summary.counts).toMatchObject({
			created: 2,
			alreadyTransferred: 2,
			notReached: 0,
		});
		expect(Object.values(scenario.transferCounts())).toEqual([1, 1, 1, 1]);
	});
});

// A key no earlier request used: Stripe scopes idempotency keys per API key, so a run with it is a
// re-run after the 24-hour keys expired.
const FRESH_KEY = 'sk_test_51AfterIdempotencyKeysExpired000000';

/** Runs the tip job for the test period against `sandbox`, with `maxConcurrency` Stripe calls in flight. */
function runTipsAgainst(
	sandbox: StripeSandbox,
	maxConcurrency: number,
	overrides: Partial<TipRunInput> = {},
	secretKey = sandbox.secretKey,
) {
	return runTipTransfers({
		stripe: createStripeClient(secretKey, new URL(sandbox.url)),
		budget: testBudget({ maxConcurrency }),
		period,
		metadataKeys: { amount: 'tip_amount', recipient: 'tip_recipient' },
		minimums,
		dryRun: false,
		sink: createCollectingSink(),
		...overrides,
	});
}

/** Hooks that kill the job right after its k-th transfer, and the error they throw. */
function killedAfterTransfer(k: number) {
	const crash = new Error(`killed after transfer ${k}`);
	const hooks: TipRunInput['hooks'] = {
		afterTransfer: (_transfer, index) => {
			if (index === k) throw crash;
		},
	};
	return { crash, hooks };
}

describe('crash safety, one transfer at a time: every recipient is paid exactly once', () => {
	const RECIPIENTS = 5;

	async function seeded() {
		const sandbox = await startSandbox({ now: NOW });
		const scenario = new TipScenario(sandbox);
		const recipients = Array.from({ length: RECIPIENTS }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		await scenario.pay(
			recipients.flatMap((recipient, index) => [
				{ amount: 5_000, currency: 'usd', tip: 100 * (index + 1), recipient: recipient.id },
				{ amount: 4_000, currency: 'usd', tip: 150, recipient: recipient.id },
			]),
		);
		sandbox.state.fundBalance({ currency: 'usd', amount: 1_000_000 });
		const expected = Object.fromEntries(
			recipients.map((recipient, index) => [recipient.id, 100 * (index + 1) + 150]),
		);
		return { sandbox, scenario, expected };
	}

	// One call at a time: the transfers are made in the plan's order, so "after k" is exact.
	// The concurrent path has its own crash tests below.
	const runWith = (sandbox: StripeSandbox, overrides?: Partial<TipRunInput>, secretKey?: string) =>
		runTipsAgainst(sandbox, 1, overrides, secretKey);

	function expectPaidExactlyOnce(scenario: TipScenario, expected: Record<string, number>) {
		const transfers = scenario.transfers();
		expect(transfers).toHaveLength(RECIPIENTS);
		expect(
			Object.fromEntries(transfers.map((transfer) => [transfer.destination, transfer.amount])),
		).toEqual(expected);
		expect(transfers.every((transfer) => transfer.transfer_group === GROUP)).toBe(true);
	}

	// k = RECIPIENTS: every transfer was made but the job died before publishing a single event.
	for (let k = 1; k <= RECIPIENTS; k++) {
		it(`completes the batch after the job dies after ${k} transfer(s), with the same or expired idempotency keys`, async () => {
			for (const rerunKey of ['same', 'expired'] as const) {
				const { sandbox, scenario, expected } = await seeded();
				try {
					const { crash, hooks } = killedAfterTransfer(k);
					const sink = createCollectingSink();
					await expect(runWith(sandbox, { sink, hooks })).rejects.toBe(crash);
					expect(scenario.transfers()).toHaveLength(k);
					expect(sink.events).toHaveLength(0);

					const rerun = await runWith(
						sandbox,
						{},
						rerunKey === 'same' ? sandbox.secretKey : FRESH_KEY,
					);
					expectPaidExactlyOnce(scenario, expected);
					const created = ofType(rerun.published, 'Tip Transfer Created');
					expect(created).toHaveLength(RECIPIENTS);
					expect(created.filter((detail) => detail.foundExisting === true)).toHaveLength(k);
					expect(rerun.summary.counts).toMatchObject({
						created: RECIPIENTS - k,
						alreadyTransferred: k,
						failed: 0,
						notReached: 0,
					});

					const third = await runWith(sandbox, {}, FRESH_KEY);
					expect(third.summary.counts).toMatchObject({
						created: 0,
						alreadyTransferred: RECIPIENTS,
					});
					expectPaidExactlyOnce(scenario, expected);
				} finally {
					await sandbox.close();
				}
			}
		});
	}

	for (const k of [0, 1, 2, 4]) {
		it(`completes the batch when Stripe answers 500 after creating transfer ${k + 1} and every one after it`, async () => {
			for (const rerunKey of ['same', 'expired'] as const) {
				const { sandbox, scenario, expected } = await seeded();
				try {
					const failFromNowOn = () =>
						sandbox.injectFaults({
							status: 500,
							afterExecution: true,
							times: 1_000,
							match: { method: 'POST', path: '/v1/transfers' },
						});
					if (k === 0) failFromNowOn();
					const first = await runWith(sandbox, {
						hooks: {
							afterTransfer: (_transfer, index) => {
								if (index === k) failFromNowOn();
							},
						},
					});
					// Stripe created every transfer, but the job only saw k of them succeed.
					expect(scenario.transfers()).toHaveLength(RECIPIENTS);
					expect(first.summary.counts).toMatchObject({ created: k, failed: RECIPIENTS - k });
					const failed = ofType(first.published, 'Tip Transfer Failed');
					expect(failed.every((detail) => detail.outcomeUnknown === true)).toBe(true);
					// Retries reuse the Idempotency-Key, so Stripe replays the stored 500 instead of paying again.
					const posts = sandbox.requests({ method: 'POST', path: '/v1/transfers' });
					expect(new Set(posts.map((request) => request.idempotencyKey)).size).toBe(RECIPIENTS);

					sandbox.clearFaults();
					const rerun = await runWith(
						sandbox,
						{},
						rerunKey === 'same' ? sandbox.secretKey : FRESH_KEY,
					);
					expect(rerun.summary.counts).toMatchObject({
						created: 0,
						alreadyTransferred: RECIPIENTS,
						failed: 0,
					});
					expectPaidExactlyOnce(scenario, expected);
				} finally {
					await sandbox.close();
				}
			}
		});
	}
});

/** Records, per currency, the most transfer creations the real client had in flight at once. */
function watchTransferCreation(stripe: Stripe): Map<string, number> {
	const peak = new Map<string, number>();
	const active = new Map<string, number>();
	const create = stripe.transfers.create.bind(stripe.transfers);
	stripe.transfers.create = (async (params: Stripe.TransferCreateParams, options) => {
		const now = (active.get(params.currency) ?? 0) + 1;
		active.set(params.currency, now);
		peak.set(params.currency, Math.max(now, peak.get(params.currency) ?? 0));
		try {
			return await create(params, options);
		} finally {
			active.set(params.currency, (active.get(params.currency) ?? 1) - 1);
		}
	}) as typeof stripe.transfers.create;
	return peak;
}

describe('reading, looking up and paying concurrently', () => {
	let sandbox: StripeSandbox;
	let scenario: TipScenario;

	beforeEach(async () => {
		sandbox = await startSandbox({ now: NOW });
		scenario = new TipScenario(sandbox);
	});
	afterEach(async () => {
		await sandbox.close();
	});

	function run(overrides: Partial<TipRunInput> = {}) {
		return runTipTransfers({
			stripe: stripeFor(sandbox),
			budget: testBudget(),
			period,
			metadataKeys: { amount: 'tip_amount', recipient: 'tip_recipient' },
			minimums,
			dryRun: false,
			sink: createCollectingSink(),
			clock: () => 0,
			...overrides,
		});
	}

	function tipOn(created: number, recipient: string, tip = 100) {
		return sandbox.state.createPaymentIntent({
			amount: 1_000,
			currency: 'usd',
			status: 'succeeded',
			created,
			metadata: { tip_amount: String(tip), tip_recipient: recipient },
		}).id;
	}

	it('reads the period in parallel time slices, once each, including payments on slice boundaries and ties', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US' });
		// The first page: the 100 newest payments, one per second, ending 1,000 s before the period ends.
		const oldestOfFirstPage = period.end - 1_000;
		const ids: string[] = [];
		for (let second = 0; second < 100; second++)
			ids.push(tipOn(oldestOfFirstPage + second, alice.id));
		// The rest of the period, down to that second (a second payment may share it), is sliced.
		const rest = { gte: period.start, lt: oldestOfFirstPage + 1 };
		const slices = sliceCreatedRange(rest, 4);
		const seconds = new Set<number>([period.start, period.start + 1, oldestOfFirstPage]);
		for (const slice of slices.slice(0, -1)) {
			for (const second of [slice.gte - 1, slice.gte, slice.gte + 1]) seconds.add(second);
		}
		// Two payments on each of these seconds, and a full page's worth in the oldest slice.
		for (const second of seconds) ids.push(tipOn(second, alice.id), tipOn(second, alice.id));
		for (let index = 0; index < 130; index++) ids.push(tipOn(period.start + 10 + index, alice.id));
		sandbox.clearRequests();

		const result = await run({ dryRun: true, paymentSlicing: { extraPageRatio: 1, maxSlices: 4 } });

		expect(result.summary.paymentsScanned).toBe(ids.length);
		expect(result.summary.totalsByCurrency.usd.planned).toBe(ids.length * 100);
		const lists = sandbox.requests({ path: '/v1/payment_intents' });
		const listed = lists.flatMap(
			(request) => (request.responseBody as { data: Array<{ id: string }> }).data,
		);
		// Each payment came back exactly once: no slice overlaps another or the first page.
		expect(listed.map((payment) => payment.id).sort()).toEqual([...ids].sort());
		expect(lists[0].query.created).toEqual({ gte: String(period.start), lt: String(period.end) });
		const ranges = new Set(
			lists.slice(1).map((request) => {
				const created = request.query.created as { gte: string; lt: string };
				return `${created.gte}-${created.lt}`;
			}),
		);
		expect([...ranges].sort()).toEqual(slices.map((slice) => `${slice.gte}-${slice.lt}`).sort());
		// The newest slice continues after the first page instead of reading it again.
		const firstPage = lists[0].responseBody as { data: Array<{ id: string }> };
		const newestSlice = lists.filter(
			(request) => (request.query.created as { lt: string }).lt === String(slices[0].lt),
		);
		expect(newestSlice[0].query.starting_after).toBe(firstPage.data[99].id);
		// Each slice costs at most one partial page beyond the pages the payments fill.
		expect(lists.length).toBeLessThanOrEqual(Math.ceil(ids.length / 100) + slices.length - 1);
		for (const request of lists) {
			expect(() => validateStripeRequest('GET', request.path, request.query)).not.toThrow();
		}
	});

	it('keeps reading one cursor chain when the payments fit a page or two', async () => {
		const alice = sandbox.state.createConnectedAccount({ country: 'US' });
		for (let index = 0; index < 150; index++) tipOn(period.start + 3_600 + index * 60, alice.id);
		sandbox.clearRequests();
		await run({ dryRun: true });
		const lists = sandbox.requests({ path: '/v1/payment_intents' });
		expect(lists.map((request) => request.query)).toEqual([
			{
				limit: '100',
				created: { gte: String(period.start), lt: String(period.end) },
				expand: ['data.latest_charge'],
			},
			{
				limit: '100',
				created: { gte: String(period.start), lt: String(period.end) },
				expand: ['data.latest_charge'],
				starting_after: (lists[0].responseBody as { data: Array<{ id: string }> }).data[99].id,
			},
		]);
	});

	it('finds many recipients with one list of the connected accounts, with the same skip reasons', async () => {
		const recipients = Array.from({ length: RETRIEVE_RECIPIENTS_AT_MOST + 2 }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		const blocked = recipients[0];
		sandbox.state.setCapabilities(blocked.id, { transfers: 'inactive' });
		const strangers = ['acct_1NotOnThisPlatform', sandbox.platformAccountId];
		for (const [index, recipient] of [...recipients.map((r) => r.id), ...strangers].entries()) {
			tipOn(period.start + 3_600 + index, recipient, 500);
		}
		sandbox.state.fundBalance({ currency: 'usd', amount: 100_000 });
		sandbox.clearRequests();

		const result = await run();

		expect(sandbox.requests({ path: '/v1/accounts' }).map((request) => request.query)).toEqual([
			{ limit: '100' },
		]);
		expect(
			sandbox.requests().filter((request) => request.path.startsWith('/v1/accounts/')),
		).toEqual([]);
		expect(sandbox.requests({ path: '/v1/account' })).toHaveLength(0);
		const skipped = ofType(result.published, 'Tip Transfer Skipped');
		expect(skipped.map((detail) => [detail.account, detail.reason, detail.message]).sort()).toEqual(
			[
				[
					blocked.id,
					'transfers_capability_inactive',
					`The transfers capability of ${blocked.id} is inactive; it must be active to receive transfers.`,
				],
				...strangers.map((stranger) => [
					stranger,
					'not_connected_account',
					`${stranger} is not a connected account of this platform; check metadata.tip_recipient on its payments.`,
				]),
			].sort(),
		);
		expect(result.summary.counts.created).toBe(recipients.length - 1);
	});

	it('stops listing once it has cost as much as retrieving the recipients still missing', async () => {
		const recipients = Array.from({ length: RETRIEVE_RECIPIENTS_AT_MOST + 1 }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		// Newer accounts come first in the list: the recipients are on its last pages.
		for (let index = 0; index < 1_500; index++) sandbox.state.createConnectedAccount({});
		for (const [index, recipient] of recipients.entries()) {
			tipOn(period.start + 3_600 + index, recipient.id, 500);
		}
		sandbox.state.fundBalance({ currency: 'usd', amount: 100_000 });
		sandbox.clearRequests();

		const result = await run();

		const missing = recipients.length;
		expect(sandbox.requests({ path: '/v1/accounts' })).toHaveLength(missing);
		expect(sandbox.requests({ path: '/v1/account' })).toHaveLength(1);
		expect(
			sandbox
				.requests({ method: 'GET' })
				.filter((request) => request.path.startsWith('/v1/accounts/'))
				.map((request) => request.path)
				.sort(),
		).toEqual(recipients.map((recipient) => `/v1/accounts/${recipient.id}`).sort());
		expect(result.summary.counts.created).toBe(recipients.length);
	});

	it('starts paying the recipients found on the first page of accounts while it reads the next', async () => {
		const onLaterPage = Array.from({ length: 6 }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		for (let index = 0; index < 100; index++) sandbox.state.createConnectedAccount({});
		const onFirstPage = Array.from({ length: 6 }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		for (const [index, recipient] of [...onLaterPage, ...onFirstPage].entries()) {
			tipOn(period.start + 3_600 + index, recipient.id, 500);
		}
		sandbox.state.fundBalance({ currency: 'usd', amount: 100_000 });
		sandbox.setLatency(30);
		const stripe = stripeFor(sandbox);
		const timeline: string[] = [];
		const list = stripe.accounts.list.bind(stripe.accounts);
		stripe.accounts.list = (async (params?: Stripe.AccountListParams) => {
			timeline.push('list requested');
			const page = await list(params);
			timeline.push('list answered');
			return page;
		}) as typeof stripe.accounts.list;
		const create = stripe.transfers.create.bind(stripe.transfers);
		stripe.transfers.create = (async (
			params: Stripe.TransferCreateParams,
			options?: Stripe.RequestOptions,
		) => {
			timeline.push(`create ${params.destination}`);
			return create(params, options);
		}) as typeof stripe.transfers.create;

		const result = await run({ stripe });

		expect(timeline.filter((entry) => entry.startsWith('list'))).toEqual([
			'list requested',
			'list answered',
			'list requested',
			'list answered',
		]);
		const secondPageAnswered = timeline.lastIndexOf('list answered');
		const createdBefore = timeline
			.slice(0, secondPageAnswered)
			.filter((entry) => entry.startsWith('create '));
		expect(createdBefore.length).toBeGreaterThan(0);
		const firstPageIds = new Set(onFirstPage.map((recipient) => `create ${recipient.id}`));
		expect(createdBefore.every((entry) => firstPageIds.has(entry))).toBe(true);
		expect(result.summary.counts).toMatchObject({ created: 12, failed: 0 });
		expect(Object.values(scenario.transferCounts())).toEqual(Array(12).fill(1));
	});

	it('creates the transfers of a currency the balance covers concurrently, and pays each once', async () => {
		const recipients = Array.from({ length: 6 }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		for (const [index, recipient] of recipients.entries()) {
			tipOn(period.start + 3_600 + index, recipient.id, 500);
		}
		sandbox.state.fundBalance({ currency: 'usd', amount: 3_000 });
		sandbox.setLatency(20);
		sandbox.clearRequests();
		const stripe = stripeFor(sandbox);
		const peak = watchTransferCreation(stripe);

		const result = await run({ stripe });

		expect(sandbox.requests({ path: '/v1/balance' })).toHaveLength(1);
		expect(peak.get('usd')).toBeGreaterThan(1);
		expect(result.summary.counts).toMatchObject({ created: 6, failed: 0 });
		expect(Object.values(scenario.transferCounts())).toEqual([1, 1, 1, 1, 1, 1]);
		// Events stay in the plan's order, whatever order the transfers completed in.
		expect(
			ofType(result.published, 'Tip Transfer Created').map((detail) => detail.account),
		).toEqual(recipients.map((recipient) => recipient.id).sort((a, b) => a.localeCompare(b)));
	});

	it('pays a currency the balance cannot cover one at a time in the fixed order, beside a covered one', async () => {
		const usd = Array.from({ length: 4 }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		const eur = Array.from({ length: 3 }, () =>
			sandbox.state.createConnectedAccount({ country: 'FR' }),
		).sort((a, b) => a.id.localeCompare(b.id));
		// Paid within the last two days, so the payments' own funds are still pending.
		for (const [index, recipient] of usd.entries()) tipOn(NOW - 3_600 + index, recipient.id, 500);
		const eurTips = [600, 700, 300];
		for (const [index, recipient] of eur.entries()) {
			sandbox.state.createPaymentIntent({
				amount: 5_000,
				currency: 'eur',
				status: 'succeeded',
				created: NOW - 3_000 + index,
				metadata: { tip_amount: String(eurTips[index]), tip_recipient: recipient.id },
			});
		}
		sandbox.state.fundBalance({ currency: 'usd', amount: 2_000 });
		// 1,600 EUR planned, 1,000 available: 600 fits, 700 does not, 300 still does.
		sandbox.state.fundBalance({ currency: 'eur', amount: 1_000 });
		sandbox.setLatency(20);
		sandbox.clearRequests();
		const stripe = stripeFor(sandbox);
		const peak = watchTransferCreation(stripe);

		const result = await run({ stripe });

		const eurPosts = sandbox
			.requests({ method: 'POST', path: '/v1/transfers' })
			.filter((request) => request.body.currency === 'eur');
		expect(eurPosts.map((request) => [request.body.destination, request.status])).toEqual([
			[eur[0].id, 200],
			[eur[1].id, 400],
			[eur[2].id, 200],
		]);
		// Each EUR transfer started only after the one before it had ended; USD ran concurrently.
		expect(peak.get('eur')).toBe(1);
		expect(peak.get('usd')).toBeGreaterThan(1);
		expect(result.summary.totalsByCurrency.eur).toMatchObject({ transferred: 900, failed: 700 });
		expect(result.summary.totalsByCurrency.usd).toMatchObject({ transferred: 2_000, failed: 0 });
		expect(result.summary.counts).toMatchObject({ created: 6, failed: 1 });
	});
});

describe('crash safety, transfers made concurrently: every recipient is paid exactly once', () => {
	const RECIPIENTS = 12;
	const CONCURRENCY = 4;

	async function seeded() {
		const sandbox = await startSandbox({ now: NOW });
		const scenario = new TipScenario(sandbox);
		const recipients = Array.from({ length: RECIPIENTS }, () =>
			sandbox.state.createConnectedAccount({ country: 'US' }),
		);
		for (const [index, recipient] of recipients.entries()) {
			sandbox.state.createPaymentIntent({
				amount: 5_000,
				currency: 'usd',
				status: 'succeeded',
				created: period.start + 60 * index,
				metadata: { tip_amount: String(100 * (index + 1)), tip_recipient: recipient.id },
			});
		}
		sandbox.state.fundBalance({ currency: 'usd', amount: 1_000_000 });
		const expected = Object.fromEntries(
			recipients.map((recipient, index) => [recipient.id, 100 * (index + 1)]),
		);
		return { sandbox, scenario, expected };
	}

	const runWith = (sandbox: StripeSandbox, overrides?: Partial<TipRunInput>, secretKey?: string) =>
		runTipsAgainst(sandbox, CONCURRENCY, overrides, secretKey);

	for (const k of [1, 5, 11, RECIPIENTS]) {
		it(`completes the batch after the job dies after ${k} confirmed transfer(s) with others in flight`, async () => {
			for (const rerunKey of ['same', 'expired'] as const) {
				const { sandbox, scenario, expected } = await seeded();
				try {
					sandbox.setLatency(10);
					const { crash, hooks } = killedAfterTransfer(k);
					const sink = createCollectingSink();
					await expect(runWith(sandbox, { sink, hooks })).rejects.toBe(crash);
					// Any subset may be done: the k confirmed, and the calls that were in flight.
					const made = scenario.transfers().length;
					expect(made).toBeGreaterThanOrEqual(k);
					expect(made).toBeLessThanOrEqual(Math.min(RECIPIENTS, k + CONCURRENCY - 1));
					expect(sink.events).toHaveLength(0);

					sandbox.setLatency(0);
					const rerun = await runWith(
						sandbox,
						{},
						rerunKey === 'same' ? sandbox.secretKey : FRESH_KEY,
					);
					const transfers = scenario.transfers();
					expect(transfers).toHaveLength(RECIPIENTS);
					expect(
						Object.fromEntries(
							transfers.map((transfer) => [transfer.destination, transfer.amount]),
						),
					).toEqual(expected);
					expect(rerun.summary.counts).toMatchObject({
						created: RECIPIENTS - made,
						alreadyTransferred: made,
						failed: 0,
						notReached: 0,
					});
					const created = ofType(rerun.published, 'Tip Transfer Created');
					expect(created.filter((detail) => detail.foundExisting === true)).toHaveLength(made);
				} finally {
					await sandbox.close();
				}
			}
		});
	}
});
