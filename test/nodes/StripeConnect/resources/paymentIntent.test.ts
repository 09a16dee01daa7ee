import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import {
	expectSingleRequest,
	runFixture,
	runFixtureOk,
	useDestinationCharges,
} from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let destination: string;
let vip: string;

const charge = useDestinationCharges((started) => ({ sandbox, destination, vip } = started));

describe('Payment Intent', () => {
	it('creates a confirmed destination charge with the fee from the schedule (2.9% + 30, rounded half up)', async () => {
		const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-fee-schedule', [
			{ amount: 10050, destination, vip },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			rawBody:
				`amount=10050&currency=usd&transfer_data[destination]=${destination}&capture_method=automatic` +
				`&confirm=true&description=Order%201001&on_behalf_of=${destination}&payment_method=pm_card_visa` +
				'&receipt_email=buyer%40example.com&transfer_group=order_1001&application_fee_amount=321&metadata[order_id]=1001',
		});
		expect(intent).toMatchObject({
			object: 'payment_intent',
			status: 'succeeded',
			amount: 10050,
			application_fee_amount: 321,
			transfer_data: { destination },
		});
	});

	it("uses a connected account's fee override (1.5%, 150.75 rounds to 151)", async () => {
		const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-fee-schedule', [
			{ amount: 10050, destination: vip, vip },
		]);

		expect(sandbox.requests()[0].body.application_fee_amount).toBe('151');
		expect(intent.application_fee_amount).toBe(151);
	});

	it('creates an uncaptured charge with a fixed fee and a major-unit amount', async () => {
		const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-fixed-fee', [
			{ destination, confirm: true, paymentMethod: 'pm_card_visa' },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			rawBody: `amount=4999&currency=eur&transfer_data[destination]=${destination}&capture_method=manual&confirm=true&payment_method=pm_card_visa&application_fee_amount=250`,
		});
		expect(intent).toMatchObject({
			status: 'requires_capture',
			amount: 4999,
			application_fee_amount: 250,
		});
	});

	it('sends only a transfer amount when no fee is chosen, and refuses to combine both', async () => {
		const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-transfer-amount', [
			{ destination, feeMode: 'none' },
		]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			rawBody: `amount=2000&currency=usd&transfer_data[destination]=${destination}&transfer_data[amount]=1800&capture_method=automatic`,
		});
		expect(intent.transfer_data).toEqual({ destination, amount: 1800 });

		sandbox.clearRequests();
		const result = await runFixture(sandbox, 'payment-intent-create-transfer-amount', [
			{ destination, feeMode: 'fixed' },
		]);
		expect(result.error?.message).toContain(
			'Application Fee: cannot be combined with Transfer Amount',
		);
		expect(sandbox.requests()).toEqual([]);
	});

	it('gets a payment intent with its latest charge expanded', async () => {
		const intent = await charge(1500);

		const [fetched] = await runFixtureOk(sandbox, 'payment-intent-get', [
			{ paymentIntent: intent.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/payment_intents/${intent.id as string}`,
			rawQuery: 'expand[0]=latest_charge',
		});
		expect((fetched.latest_charge as { object: string }).object).toBe('charge');
	});

	it('lists payment intents created after a date', async () => {
		const after = sandbox.now();
		const intent = await charge(1600);

		const intents = await runFixtureOk(sandbox, 'payment-intent-get-many', [
			{ after: new Date(after * 1000).toISOString() },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/payment_intents',
			rawQuery: `created[gte]=${after}&limit=100`,
		});
		expect(intents.map((item) => item.id)).toContain(intent.id);
	});

	it('searches payment intents up to a limit', async () => {
		const ids = [(await charge(1701)).id, (await charge(1702)).id, (await charge(1703)).id];
		const query = "metadata['order_id']:'1001' AND amount>1700";

		const [first] = await runFixtureOk(sandbox, 'payment-intent-search', [
			{ query, returnAll: false, limit: 1 },
		]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/payment_intents/search',
			// The URL parser percent-encodes the quotes too (WHATWG special-query set).
			rawQuery: 'query=metadata%5B%27order_id%27%5D%3A%271001%27%20AND%20amount%3E1700&limit=1',
		});
		expect(ids).toContain(first.id);
	});

	it('Return All on search follows next_page across pages of 100', async () => {
		const created = await runFixtureOk(
			sandbox,
			'payment-intent-create-transfer-amount',
			Array.from({ length: 101 }, () => ({ destination: vip, feeMode: 'none' })),
		);
		expect(created).toHaveLength(101);
		sandbox.clearRequests();

		const found = await runFixtureOk(sandbox, 'payment-intent-search', [
			{ query: 'amount:2000', returnAll: true, limit: 1 },
		]);

		const pages = sandbox.requests();
		expect(pages).toHaveLength(2);
		const firstPage = pages[0].responseBody as { has_more: boolean; next_page: string };
		expect(firstPage.has_more).toBe(true);
		expect(pages[0].rawQuery).toBe('query=amount%3A2000&limit=100');
		expect(pages[1].rawQuery).toBe(
			`query=amount%3A2000&limit=100&page=${encodeURIComponent(firstPage.next_page)}`,
		);
		const allOf2000 = sandbox.state
			.listObjects('payment_intent')
			.filter((intent) => intent.amount === 2000)
			.map((intent) => intent.id as string);
		expect(allOf2000).toEqual(expect.arrayContaining(created.map((item) => item.id as string)));
		expect(found.map((item) => item.id).sort()).toEqual(allOf2000.sort());
	});

	it('updates an unconfirmed payment intent', async () => {
		const [draft] = await runFixtureOk(sandbox, 'payment-intent-create-fixed-fee', [
			{ destination, confirm: false, paymentMethod: 'pm_card_visa' },
		]);
		sandbox.clearRequests();

		const [intent] = await runFixtureOk(sandbox, 'payment-intent-update', [
			{ paymentIntent: draft.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payment_intents/${draft.id as string}`,
			rawBody:
				'amount=3000&application_fee_amount=300&description=Resized%20order&transfer_group=order_2002&metadata[size]=L',
		});
		expect(intent).toMatchObject({
			amount: 3000,
			application_fee_amount: 300,
			metadata: { size: 'L' },
		});
	});

	it('captures part of an authorized payment with a new fee', async () => {
		const [authorized] = await runFixtureOk(sandbox, 'payment-intent-create-fixed-fee', [
			{ destination, confirm: true, paymentMethod: 'pm_card_visa' },
		]);
		sandbox.clearRequests();

		const [intent] = await runFixtureOk(sandbox, 'payment-intent-capture', [
			{ paymentIntent: authorized.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payment_intents/${authorized.id as string}/capture`,
			rawBody: 'amount_to_capture=4000&application_fee_amount=200',
		});
		expect(intent).toMatchObject({
			status: 'succeeded',
			amount_received: 4000,
			application_fee_amount: 200,
		});
	});

	it('cancels an uncaptured payment intent', async () => {
		const [authorized] = await runFixtureOk(sandbox, 'payment-intent-create-fixed-fee', [
			{ destination, confirm: true, paymentMethod: 'pm_card_visa' },
		]);
		sandbox.clearRequests();

		const [intent] = await runFixtureOk(sandbox, 'payment-intent-cancel', [
			{ paymentIntent: authorized.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payment_intents/${authorized.id as string}/cancel`,
			rawBody: 'cancellation_reason=abandoned',
		});
		expect(intent).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
	});
});
