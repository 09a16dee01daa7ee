/**
 * Input refused before Stripe, and the example workflows users import (merchant onboarding, weekly
 * tips), run as shipped. Registered by actionScenarios.ts for both topologies.
 */
import { beforeAll, expect, it } from 'vitest';

import type { RecordedRequest, StripeSandbox } from '../../stripe-sandbox';
import type { N8nRunData } from '../../scripts/lib/n8nRunData';
import {
	ACTION_WORKFLOWS_DIR,
	EXAMPLES_DIR,
	expectAuthenticatedAndAccepted,
	routesOf,
} from './actionScenarioSupport';
import type { ActionContext } from './actionScenarioSupport';
import { itemsOf, singleItemOf } from './support';

/**
 * Registers the refused-input and example-workflow scenarios in the calling `describe`.
 */
export function exampleScenarioTests(context: () => ActionContext): void {
	let sandbox: StripeSandbox;
	const runFixture = (file: string, folder = ACTION_WORKFLOWS_DIR) =>
		context().runFixture(file, folder);

	beforeAll(() => {
		({ sandbox } = context());
	});

	it('stops a transfer with a malformed destination before anything reaches Stripe', async () => {
		const { run, requests } = await runFixture('rejects-bad-input.json');

		expect(run.resultData.lastNodeExecuted).toBe('Create Transfer');
		expect(run.resultData.error?.message).toMatch(
			/^Destination Account: "harbor-bikes" is not a Stripe ID/,
		);
		expect(run.resultData.error?.description).toContain('Nothing was sent to Stripe');
		expect(requests).toEqual([]);
	});

	it('runs the merchant onboarding example up to the onboarding link', async () => {
		const { run, requests } = await runFixture('merchant-onboarding.json', EXAMPLES_DIR);

		const account = singleItemOf(run, 'Create Express Account');
		expect(account).toMatchObject({
			country: 'US',
			email: 'owner@harbor-bikes.example',
			controller: { stripe_dashboard: { type: 'express' } },
			metadata: { merchant_ref: 'm_1001' },
		});
		const link = singleItemOf(run, 'Onboarding Link');
		expect(link).toMatchObject({ account: account.id, email: 'owner@harbor-bikes.example' });
		expect(String(link.onboardingUrl)).toMatch(/^https:\/\/connect\.stripe\.com\//);
		expect(routesOf(requests)).toEqual(['POST /v1/accounts', 'POST /v1/account_links']);
		expectAuthenticatedAndAccepted(requests, sandbox);
		expect(requests[0].idempotencyKey).toBe('onboard-m_1001');
		expect(requests[1].body).toMatchObject({ account: account.id, type: 'account_onboarding' });
	});

	it("pays last week's tips once per recipient and currency, and not again on a re-run", async () => {
		const now = new Date();
		const thisMonday =
			Date.UTC(
				now.getUTCFullYear(),
				now.getUTCMonth(),
				now.getUTCDate() - ((now.getUTCDay() + 6) % 7),
			) / 1000;
		const lastWeek = (day: number, hour: number) =>
			thisMonday - 7 * 86_400 + day * 86_400 + hour * 3_600;
		const baker = sandbox.state.createConnectedAccount({
			country: 'US',
			business_name: 'Rye Bakery',
		}).id;
		const sushi = sandbox.state.createConnectedAccount({
			country: 'JP',
			business_name: 'Sushi Ko',
		}).id;
		const closed = sandbox.state.createConnectedAccount({
			country: 'US',
			business_name: 'Closed Cart',
			capabilities: { card_payments: 'active', transfers: 'inactive' },
		}).id;
		sandbox.state.fundBalance({ currency: 'usd', amount: 100_00 });
		sandbox.state.fundBalance({ currency: 'jpy', amount: 10_000 });
		const tipped = (
			amount: number,
			currency: string,
			created: number,
			metadata: Record<string, string>,
			status?: 'requires_payment_method',
		) => sandbox.state.createPaymentIntent({ amount, currency, created, metadata, status }).id;
		tipped(40_00, 'usd', lastWeek(1, 10), { tip_amount: '500', tip_recipient: baker });
		tipped(25_00, 'usd', lastWeek(4, 18), { tip_amount: '250', tip_recipient: baker });
		const halfRefunded = tipped(20_00, 'usd', lastWeek(2, 8), {
			tip_amount: '400',
			tip_recipient: baker,
		});
		sandbox.state.createRefund({ payment_intent: halfRefunded, amount: 10_00 });
		const fullyRefunded = tipped(15_00, 'usd', lastWeek(2, 9), {
			tip_amount: '300',
			tip_recipient: baker,
		});
		sandbox.state.createRefund({ payment_intent: fullyRefunded });
		tipped(3_000, 'jpy', lastWeek(2, 12), { tip_amount: '300', tip_recipient: sushi });
		tipped(9_00, 'usd', lastWeek(6, 20), { tip_amount: '150', tip_recipient: closed });
		const badTip = tipped(10_00, 'usd', lastWeek(3, 9), {
			tip_amount: '2.50',
			tip_recipient: baker,
		});
		tipped(
			12_00,
			'usd',
			lastWeek(5, 9),
			{ tip_amount: '100', tip_recipient: baker },
			'requires_payment_method',
		);
		tipped(30_00, 'usd', thisMonday + 3_600, { tip_amount: '100', tip_recipient: baker });
		tipped(30_00, 'usd', lastWeek(0, 0) - 1, { tip_amount: '100', tip_recipient: baker });

		const transferIds = () =>
			sandbox.state
				.listObjects('transfer')
				.map((transfer) => transfer.id)
				.sort();
		const first = await runFixture('weekly-tips-review.json', EXAMPLES_DIR);
		const transfersAfterFirst = transferIds();
		const second = await runFixture('weekly-tips-review.json', EXAMPLES_DIR);
		// The re-run created no transfer at all: every answer came from the idempotency keys.
		expect(transferIds()).toEqual(transfersAfterFirst);

		const preview = itemsOf(first.run, 'Preview Transfers');
		const periodId = String(preview[0]?.periodId);
		expect(periodId).toMatch(/^\d{4}-W\d{2}$/);
		const expected = [
			// 500 + 250 + half of 400 (its payment was half refunded); the fully refunded tip is gone.
			{ destination: baker, currency: 'usd', amount: 950, tips: 3 },
			{ destination: sushi, currency: 'jpy', amount: 300, tips: 1 },
			{ destination: closed, currency: 'usd', amount: 150, tips: 1 },
		].sort((a, b) => a.destination.localeCompare(b.destination));
		expect(
			preview.map(({ destination, currency, amount, tips }) => ({
				destination,
				currency,
				amount,
				tips,
			})),
		).toEqual(expected);
		expect(preview[0].problems).toEqual([
			`${badTip}: metadata.tip_amount "2.50" is not a positive whole number of the smallest currency unit`,
		]);
		const [list] = first.requests.filter((request) => request.path === '/v1/payment_intents');
		expect(list.query).toMatchObject({
			created: { gte: String(thisMonday - 7 * 86_400), lte: String(thisMonday - 1) },
			expand: ['data.latest_charge'],
		});

		// Stripe refuses the recipient whose transfers capability is inactive; the others are paid.
		for (const { run } of [first, second]) {
			const results = itemsOf(run, 'Create Tip Transfers');
			expect(results).toHaveLength(expected.length);
			expected.forEach((owed, index) => {
				if (owed.destination === closed) {
					expect(String(results[index].error)).toMatch(/capabilit/i);
				} else {
					expect(results[index]).toMatchObject({
						object: 'transfer',
						destination: owed.destination,
						currency: owed.currency,
						amount: owed.amount,
						transfer_group: `tips-${periodId}`,
					});
				}
			});
		}
		const transferPosts = [...first.requests, ...second.requests].filter(
			(request) => request.method === 'POST' && request.path === '/v1/transfers',
		);
		// n8n sends the items' requests concurrently, so their order on the wire is not fixed (it
		// differs between one process and a queue-mode worker): compare each run's keys and answers.
		const keysAndStatuses = (requests: RecordedRequest[]) =>
			requests
				.filter((request) => request.method === 'POST' && request.path === '/v1/transfers')
				.map((request) => [request.idempotencyKey, request.status])
				.sort();
		const expectedKeysAndStatuses = expected
			.map(({ destination, currency }) => [
				`tips-${periodId}-${destination}-${currency}`,
				destination === closed ? 400 : 200,
			])
			.sort();
		expect(keysAndStatuses(first.requests)).toEqual(expectedKeysAndStatuses);
		expect(keysAndStatuses(second.requests)).toEqual(expectedKeysAndStatuses);
		// The re-run was answered from the idempotency keys: still one transfer per paid recipient.
		const tipTransfers = sandbox.state
			.listObjects('transfer')
			.filter((transfer) => transfer.transfer_group === `tips-${periodId}`);
		expect(tipTransfers.map((transfer) => [transfer.destination, transfer.amount]).sort()).toEqual(
			[
				[baker, 950],
				[sushi, 300],
			].sort(),
		);
		// Transfer Results says what each run did: paid now, then already paid (no money moved).
		const paidBy = new Map(tipTransfers.map((transfer) => [transfer.destination, transfer.id]));
		const resultsOf = (run: N8nRunData) =>
			itemsOf(run, 'Transfer Results').map(({ recipient, status, result, transfer, summary }) => ({
				recipient,
				status,
				result,
				transfer,
				summary,
			}));
		const amounts: Record<string, string> = {
			[baker]: '$9.50',
			[sushi]: '¥300',
			[closed]: '$1.50',
		};
		const lines = (summary: string, paid: 'paid' | 'already paid') =>
			expected.map(({ destination }) =>
				destination === closed
					? {
							recipient: closed,
							status: 'not paid',
							result: expect.stringMatching(
								new RegExp(
									`^\\$1\\.50 to ${closed} was NOT paid: .*capabilit.*Fix it and run again`,
									'i',
								),
							),
							transfer: undefined,
							summary,
						}
					: {
							recipient: destination,
							status: paid,
							result:
								paid === 'paid'
									? `${amounts[destination]} paid to ${destination} (${paidBy.get(destination)}).`
									: `${amounts[destination]} to ${destination}: already paid by an earlier run (${paidBy.get(destination)}), no money moved.`,
							transfer: paidBy.get(destination),
							summary,
						},
			);
		expect(resultsOf(first.run)).toEqual(
			lines('2 paid now, 0 already paid by an earlier run, 1 not paid', 'paid'),
		);
		expect(resultsOf(second.run)).toEqual(
			lines('0 paid now, 2 already paid by an earlier run, 1 not paid', 'already paid'),
		);
		const bakerPost = transferPosts.find((request) => request.body.destination === baker);
		expect(bakerPost?.rawBody).toBe(
			`amount=950&currency=usd&destination=${baker}&description=Tips%20${periodId}%20(3%20payments)&transfer_group=tips-${periodId}&metadata[tip_period]=${periodId}&metadata[tip_count]=3`,
		);
	});
}
