/**
 * The action node's end-to-end scenarios, run by both topologies: one n8n process
 * (actions.e2e.test.ts, `n8n execute`) and queue mode (queue-mode.e2e.test.ts, executions on the
 * worker). Workflows covering every resource run against the sandbox; outputs are asserted, and so is
 * every request on the wire.
 */
import { join } from 'node:path';

import { beforeAll, expect, it } from 'vitest';

import type { RecordedRequest, StripeSandbox } from '../../stripe-sandbox';
import type { N8nRunData } from '../../scripts/lib/n8nRunData';
import { REPO_ROOT } from '../../scripts/lib/repository';
import { itemsOf, singleItemOf } from './support';

/** Where the action fixtures live. */
export const ACTION_WORKFLOWS_DIR = join(REPO_ROOT, 'test', 'e2e', 'workflows');
const examplesDir = join(REPO_ROOT, 'examples');
const API_VERSION = '2026-10-28.endive';

/** The ids the fixtures' placeholders refer to (`__DESTINATION_ACCOUNT__`, …). */
export interface SeededActionIds {
	destination: string;
	spare: string;
	uncapturedPayment: string;
	dispute: string;
}

/** What the scenarios need from the topology that runs them. */
export interface ActionContext extends SeededActionIds {
	sandbox: StripeSandbox;
	/** Imports a workflow file (placeholders filled), runs it and returns the run and its requests. */
	runFixture(
		file: string,
		folder: string,
	): Promise<{ run: N8nRunData; requests: RecordedRequest[] }>;
}

/** The placeholder values of a fixture: the seeded ids and the Stripe base URL n8n should call. */
export function fixtureValues(ids: SeededActionIds, stripeUrl: string): Record<string, string> {
	return {
		SANDBOX_URL: stripeUrl,
		DESTINATION_ACCOUNT: ids.destination,
		SPARE_ACCOUNT: ids.spare,
		UNCAPTURED_PAYMENT_INTENT: ids.uncapturedPayment,
		DISPUTE: ids.dispute,
	};
}

/** Seeds the sandbox with the accounts, balances, payments and dispute the fixtures use. */
export function seedActionSandbox(sandbox: StripeSandbox): SeededActionIds {
	const destination = sandbox.state.createConnectedAccount({
		country: 'US',
		business_name: 'Harbor Bikes',
	}).id;
	const spare = sandbox.state.createConnectedAccount({
		country: 'US',
		business_name: 'Closing Shop',
	}).id;
	sandbox.state.fundBalance({ currency: 'usd', amount: 1_000_00 });
	sandbox.state.fundBalance({ account: destination, currency: 'usd', amount: 200_00 });
	const uncapturedPayment = sandbox.state.createPaymentIntent({
		amount: 40_00,
		currency: 'usd',
		status: 'requires_capture',
		transfer_data: { destination },
	}).id;
	const disputedPayment = sandbox.state.createPaymentIntent({
		amount: 75_00,
		currency: 'usd',
		transfer_data: { destination },
	}).id;
	const dispute = sandbox.state.createDispute({
		payment_intent: disputedPayment,
		reason: 'fraudulent',
	}).id;
	return { destination, spare, uncapturedPayment, dispute };
}

/** Method and path of each request, in order. */
function routesOf(requests: RecordedRequest[]): string[] {
	return requests.map((request) => `${request.method} ${request.path}`);
}

/**
 * Registers one test per scenario in the calling `describe`; `context()` is read once the caller's
 * own `beforeAll` (registered before this call) has prepared n8n and the sandbox.
 */
export function actionScenarioTests(context: () => ActionContext): void {
	let sandbox: StripeSandbox;
	let destination: string;
	let spare: string;
	let uncapturedPayment: string;
	let dispute: string;
	const runFixture = (file: string, folder = ACTION_WORKFLOWS_DIR) =>
		context().runFixture(file, folder);

	beforeAll(() => {
		({ sandbox, destination, spare, uncapturedPayment, dispute } = context());
	});

	/** Every request authenticated with the credential, pinned the API version and succeeded. */
	function expectAuthenticatedAndAccepted(requests: RecordedRequest[]): void {
		for (const request of requests) {
			expect(
				{
					route: `${request.method} ${request.path}`,
					status: request.status,
					authorization: request.headers.authorization,
					version: request.headers['stripe-version'],
				},
				`${request.method} ${request.path} answered ${JSON.stringify(request.responseBody)}`,
			).toEqual({
				route: `${request.method} ${request.path}`,
				status: 200,
				authorization: `Bearer ${sandbox.secretKey}`,
				version: API_VERSION,
			});
		}
	}

	it("authenticates n8n's own HTTP Request node with the Stripe Connect credential", async () => {
		const { run, requests } = await runFixture('credential-http-request.json');

		expect(singleItemOf(run, 'Platform Balance')).toMatchObject({ object: 'balance' });
		expect(routesOf(requests)).toEqual(['GET /v1/balance']);
		expectAuthenticatedAndAccepted(requests);
	});

	it('creates, onboards, configures, rejects and deletes connected accounts', async () => {
		const { run, requests } = await runFixture('accounts.json');

		const created = singleItemOf(run, 'Create Account');
		const account = String(created.id);
		expect(created).toMatchObject({
			object: 'account',
			country: 'US',
			email: 'owner@harbor-bikes.example',
			business_type: 'company',
			metadata: { merchant_id: 'm_1001' },
		});
		expect(singleItemOf(run, 'Get Account')).toMatchObject({ id: account });
		expect(singleItemOf(run, 'Update Account')).toMatchObject({
			business_profile: { url: 'https://harbor-bikes.example' },
			metadata: { merchant_id: 'm_1001', tier: 'gold' },
		});
		expect(
			itemsOf(run, 'List Capabilities')
				.map((capability) => capability.id)
				.sort(),
		).toEqual(['card_payments', 'transfers']);
		expect(singleItemOf(run, 'Get Capability')).toMatchObject({ id: 'transfers', account });
		expect(singleItemOf(run, 'Update Capability')).toMatchObject({
			id: 'card_payments',
			requested: true,
		});
		const [bankAccount] = itemsOf(run, 'List External Accounts');
		expect(singleItemOf(run, 'Get External Account')).toMatchObject({
			id: bankAccount.id,
			account,
		});
		expect(singleItemOf(run, 'Update Payout Schedule')).toMatchObject({
			account,
			schedule: { interval: 'weekly', weekly_anchor: 'friday', delay_days: 7 },
		});
		expect(singleItemOf(run, 'Create Account Link')).toMatchObject({ object: 'account_link' });
		expect(String(singleItemOf(run, 'Create Account Link').url)).toMatch(
			/^https:\/\/connect\.stripe\.com\//,
		);
		expect(singleItemOf(run, 'Create Login Link')).toMatchObject({ object: 'login_link' });
		expect(singleItemOf(run, 'Create Account Session')).toMatchObject({
			object: 'account_session',
			account,
		});
		expect(itemsOf(run, 'List Accounts').map((listed) => listed.id)).toEqual(
			expect.arrayContaining([account, destination, spare]),
		);
		expect(singleItemOf(run, 'Get Platform Account')).toMatchObject({
			id: sandbox.platformAccountId,
		});
		expect(singleItemOf(run, 'Reject Account')).toMatchObject({ id: spare });
		expect(singleItemOf(run, 'Delete Account')).toEqual({
			id: spare,
			object: 'account',
			deleted: true,
		});

		expect(routesOf(requests)).toEqual([
			'POST /v1/accounts',
			`GET /v1/accounts/${account}`,
			`POST /v1/accounts/${account}`,
			`GET /v1/accounts/${account}/capabilities`,
			`GET /v1/accounts/${account}/capabilities/transfers`,
			`POST /v1/accounts/${account}/capabilities/card_payments`,
			`GET /v1/accounts/${account}/external_accounts`,
			`GET /v1/accounts/${account}/external_accounts/${bankAccount.id}`,
			`GET /v1/accounts/${account}`,
			`POST /v1/accounts/${account}`,
			'POST /v1/account_links',
			`POST /v1/accounts/${account}/login_links`,
			'POST /v1/account_sessions',
			'GET /v1/accounts',
			'GET /v1/account',
			`POST /v1/accounts/${spare}/reject`,
			`DELETE /v1/accounts/${spare}`,
		]);
		expectAuthenticatedAndAccepted(requests);
		expect(requests[0].idempotencyKey).toBe('e2e-onboard-m_1001');
		expect(requests[0].body).toMatchObject({
			country: 'US',
			email: 'owner@harbor-bikes.example',
			business_type: 'company',
			business_profile: { name: 'Harbor Bikes' },
			capabilities: { card_payments: { requested: 'true' }, transfers: { requested: 'true' } },
			controller: { stripe_dashboard: { type: 'express' } },
			metadata: { merchant_id: 'm_1001' },
		});
		expect(requests[9].rawBody).toBe(
			'settings[payouts][schedule][interval]=weekly&settings[payouts][schedule][weekly_anchor]=friday&settings[payouts][schedule][delay_days]=7',
		);
		expect(requests[10].body).toEqual({
			account,
			type: 'account_onboarding',
			return_url: 'https://harbor-bikes.example/onboarding/done',
			refresh_url: 'https://harbor-bikes.example/onboarding/retry',
		});
		expect(requests[15].rawBody).toBe('reason=terms_of_service');
		expect(sandbox.state.getObject(spare)).toBeUndefined();
	});

	it('moves money: balances, a transfer and its reversal, a payout and its cancellation, events', async () => {
		const { run, requests } = await runFixture('money-movement.json');

		const transfer = singleItemOf(run, 'Create Transfer');
		const transferId = String(transfer.id);
		expect(transfer).toMatchObject({
			object: 'transfer',
			amount: 25_00,
			currency: 'usd',
			destination,
		});
		expect(singleItemOf(run, 'Platform Balance')).toMatchObject({ object: 'balance' });
		expect(singleItemOf(run, 'Get Transfer')).toMatchObject({ id: transferId });
		expect(singleItemOf(run, 'Update Transfer')).toMatchObject({
			description: 'Order 1001 share (reviewed)',
			metadata: { order: '1001', reviewed_by: 'ops' },
		});
		expect(itemsOf(run, 'List Transfers').map((listed) => listed.id)).toEqual([transferId]);
		const reversal = singleItemOf(run, 'Reverse Part Of Transfer');
		expect(reversal).toMatchObject({
			object: 'transfer_reversal',
			amount: 5_00,
			transfer: transferId,
		});
		expect(singleItemOf(run, 'Get Reversal')).toMatchObject({ id: reversal.id });
		expect(itemsOf(run, 'List Reversals').map((listed) => listed.id)).toEqual([reversal.id]);
		const payout = singleItemOf(run, 'Create Payout');
		expect(payout).toMatchObject({
			object: 'payout',
			amount: 10_00,
			currency: 'usd',
			method: 'standard',
		});
		expect(singleItemOf(run, 'Update Payout')).toMatchObject({
			metadata: { requested_by: 'merchant', ticket: 'T-77' },
		});
		expect(itemsOf(run, 'List Payouts').map((listed) => listed.id)).toContain(payout.id);
		expect(singleItemOf(run, 'Cancel Payout')).toMatchObject({ id: payout.id, status: 'canceled' });
		expect(
			itemsOf(run, 'List Balance Transactions').every((entry) => entry.type === 'transfer'),
		).toBe(true);
		expect(singleItemOf(run, 'Get Balance Transaction')).toMatchObject({
			id: transfer.balance_transaction,
			amount: -25_00,
			type: 'transfer',
			source: transferId,
		});
		const events = itemsOf(run, 'List Events');
		expect(events.length).toBeGreaterThan(0);
		expect(events.every((event) => event.type === 'transfer.created')).toBe(true);
		expect(singleItemOf(run, 'Get Event')).toMatchObject({
			id: events[0].id,
			type: 'transfer.created',
		});

		expectAuthenticatedAndAccepted(requests);
		const transferCreate = requests.find(
			(request) => request.method === 'POST' && request.path === '/v1/transfers',
		);
		expect(transferCreate?.rawBody).toBe(
			`amount=2500&currency=usd&destination=${destination}&description=Order%201001%20share&transfer_group=order_1001&metadata[order]=1001`,
		);
		expect(transferCreate?.idempotencyKey).toBe('e2e-transfer-order-1001');
		const reversalCreate = requests.find(
			(request) =>
				request.path === `/v1/transfers/${transferId}/reversals` && request.method === 'POST',
		);
		expect(reversalCreate?.rawBody).toBe(
			'amount=500&description=Item%20returned&metadata[reason]=return',
		);
		expect(reversalCreate?.idempotencyKey).toBe('e2e-reversal-order-1001');
		const payoutRequests = requests.filter((request) => request.path.startsWith('/v1/payouts'));
		expect(routesOf(payoutRequests)).toEqual([
			'POST /v1/payouts',
			`GET /v1/payouts/${payout.id}`,
			`POST /v1/payouts/${payout.id}`,
			'GET /v1/payouts',
			`POST /v1/payouts/${payout.id}/cancel`,
		]);
		// Payouts of a connected account are made and managed as that account.
		expect(payoutRequests.map((request) => request.stripeAccount)).toEqual(
			Array(5).fill(destination),
		);
		expect(payoutRequests[0].rawBody).toBe(
			'amount=1000&currency=usd&method=standard&description=Early%20payout&metadata[requested_by]=merchant',
		);
		expect(payoutRequests[0].idempotencyKey).toBe('e2e-payout-1');
		expect(
			requests.filter((request) => request.method === 'POST' && request.path === '/v1/transfers'),
		).toHaveLength(1);
	});

	it('takes destination charges with a fee, refunds them, refunds fees and answers disputes', async () => {
		const { run, requests } = await runFixture('payments.json');

		const payment = singleItemOf(run, 'Create Payment Intent');
		const paymentId = String(payment.id);
		expect(payment).toMatchObject({
			amount: 100_00,
			application_fee_amount: 10_00,
			transfer_data: { destination },
			status: 'requires_capture',
		});
		expect(singleItemOf(run, 'Get Payment Intent')).toMatchObject({ id: paymentId });
		expect(singleItemOf(run, 'Update Payment Intent')).toMatchObject({
			description: 'Order 2002 (bike service)',
			metadata: { order: '2002', channel: 'web' },
		});
		const captured = singleItemOf(run, 'Capture Payment Intent');
		expect(captured).toMatchObject({ status: 'succeeded', amount_received: 100_00 });
		expect(itemsOf(run, 'List Payment Intents').map((listed) => listed.id)).toContain(paymentId);
		expect(itemsOf(run, 'Search Payment Intents').map((found) => found.id)).toEqual([paymentId]);
		expect(singleItemOf(run, 'Cancel Payment Intent')).toMatchObject({
			id: uncapturedPayment,
			status: 'canceled',
			cancellation_reason: 'abandoned',
		});
		const refund = singleItemOf(run, 'Refund Part Of Payment');
		expect(refund).toMatchObject({ object: 'refund', amount: 25_00, payment_intent: paymentId });
		expect(singleItemOf(run, 'Get Refund')).toMatchObject({ id: refund.id });
		expect(singleItemOf(run, 'Update Refund')).toMatchObject({
			metadata: { ticket: 'R-9', approved_by: 'ops' },
		});
		expect(itemsOf(run, 'List Refunds').map((listed) => listed.id)).toEqual([refund.id]);
		const [fee] = itemsOf(run, 'List Application Fees');
		// The refund took back a proportional share of the fee (refund_application_fee).
		expect(fee).toMatchObject({
			amount: 10_00,
			amount_refunded: 2_50,
			charge: captured.latest_charge,
		});
		expect(singleItemOf(run, 'Get Application Fee')).toMatchObject({ id: fee.id });
		expect(singleItemOf(run, 'Refund Application Fee')).toMatchObject({
			object: 'fee_refund',
			amount: 1_00,
			fee: fee.id,
		});
		expect(
			itemsOf(run, 'List Application Fee Refunds')
				.map((feeRefund) => feeRefund.amount)
				.sort(),
		).toEqual([1_00, 2_50]);
		expect(itemsOf(run, 'List Disputes').map((listed) => listed.id)).toEqual([dispute]);
		expect(singleItemOf(run, 'Get Dispute')).toMatchObject({
			id: dispute,
			status: 'needs_response',
		});
		expect(singleItemOf(run, 'Update Dispute')).toMatchObject({
			evidence: {
				product_description: 'Bike service, 2 hours',
				customer_email_address: 'rider@example.com',
				uncategorized_text: 'Customer picked the bike up in person.',
			},
			metadata: { case: 'C-5' },
		});
		expect(singleItemOf(run, 'Close Dispute')).toMatchObject({ id: dispute, status: 'lost' });

		expectAuthenticatedAndAccepted(requests);
		const byRoute = (method: string, path: string) =>
			requests.filter((request) => request.method === method && request.path === path);
		const [paymentCreate] = byRoute('POST', '/v1/payment_intents');
		expect(paymentCreate.rawBody).toBe(
			`amount=10000&currency=usd&transfer_data[destination]=${destination}&capture_method=manual&confirm=true&description=Order%202002&payment_method=pm_card_visa&transfer_group=order_2002&application_fee_amount=1000&metadata[order]=2002`,
		);
		expect(paymentCreate.idempotencyKey).toBe('e2e-payment-order-2002');
		expect(byRoute('POST', `/v1/payment_intents/${paymentId}/capture`)[0].rawBody).toBe(
			'amount_to_capture=10000',
		);
		const [refundCreate] = byRoute('POST', '/v1/refunds');
		expect(refundCreate.rawBody).toBe(
			`payment_intent=${paymentId}&amount=2500&reason=requested_by_customer&refund_application_fee=true&reverse_transfer=true&metadata[ticket]=R-9`,
		);
		expect(refundCreate.idempotencyKey).toBe('e2e-refund-order-2002');
		expect(byRoute('POST', `/v1/application_fees/${fee.id}/refunds`)[0].rawBody).toBe('amount=100');
		expect(byRoute('POST', `/v1/disputes/${dispute}`)[0].rawBody).toBe(
			'evidence[customer_email_address]=rider%40example.com&evidence[product_description]=Bike%20service%2C%202%20hours&evidence[uncategorized_text]=Customer%20picked%20the%20bike%20up%20in%20person.&submit=false&metadata[case]=C-5',
		);
		expect(byRoute('GET', '/v1/payment_intents/search')[0].query).toMatchObject({
			query: "metadata['order']:'2002'",
		});
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
		const { run, requests } = await runFixture('merchant-onboarding.json', examplesDir);

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
		expectAuthenticatedAndAccepted(requests);
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
		const first = await runFixture('weekly-tips-review.json', examplesDir);
		const transfersAfterFirst = transferIds();
		const second = await runFixture('weekly-tips-review.json', examplesDir);
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
