import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../../stripe-sandbox';
import {
	expectSingleRequest,
	expectWire,
	outputJson,
	runFixture,
	runFixtureOk,
	useSandbox,
} from '../../support/fixtureRuns';

let sandbox: StripeSandbox;
let seller: string;
let vip: string;

useSandbox(async (started) => {
	sandbox = started;
	seller = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	vip = sandbox.state.createConnectedAccount({ country: 'US' }).id;
});

const FIXTURE = 'payment-intent-create-charge-type-input';

/** One item of the charge-type fixture: a direct charge on the seller unless told otherwise. */
function chargeItem(overrides: Record<string, unknown> = {}) {
	return {
		chargeType: 'direct',
		account: seller,
		destination: seller,
		amount: 10050,
		feeMode: 'schedule',
		fee: 100,
		vip,
		captureMethod: 'automatic',
		...overrides,
	};
}

let orderNumber = 0;

/**
 * A direct charge of a little over 100.00 with a fee of 5.00 on `account` through the node, then the
 * request log cleared. Each has its own amount, or Re-Run Safe idempotency would hand back the first.
 */
async function directCharge(account: string, captureMethod = 'automatic') {
	orderNumber += 1;
	const [intent] = await runFixtureOk(sandbox, FIXTURE, [
		chargeItem({ account, captureMethod, amount: 10000 + orderNumber, feeMode: 'fixed', fee: 500 }),
	]);
	sandbox.clearRequests();
	return intent;
}

describe('Payment Intent → Create, direct charge', () => {
	it('creates the payment intent on the connected account with the fee from the schedule', async () => {
		const [intent] = await runFixtureOk(sandbox, FIXTURE, [chargeItem()]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			stripeAccount: seller,
			rawBody:
				'amount=10050&currency=usd&capture_method=automatic&confirm=true&payment_method=pm_card_visa' +
				'&transfer_group=order_3003&application_fee_amount=321&metadata[order_id]=3003',
		});
		expect(intent).toMatchObject({
			object: 'payment_intent',
			status: 'succeeded',
			amount: 10050,
			application_fee_amount: 321,
			transfer_data: null,
		});
		// Made on the connected account: the platform holds no such payment intent, but the fee.
		expect(sandbox.state.listObjects('payment_intent', seller).map((item) => item.id)).toContain(
			intent.id,
		);
		expect(sandbox.state.listObjects('payment_intent').map((item) => item.id)).not.toContain(
			intent.id,
		);
		const [fee] = sandbox.state
			.listObjects('application_fee')
			.filter((item) => item.charge === intent.latest_charge);
		expect(fee).toMatchObject({ account: seller, amount: 321 });
	});

	it("uses the connected account's fee override (1.5% of 10050 rounds to 151)", async () => {
		const [intent] = await runFixtureOk(sandbox, FIXTURE, [chargeItem({ account: vip })]);

		expect(sandbox.requests()[0].stripeAccount).toBe(vip);
		expect(sandbox.requests()[0].body.application_fee_amount).toBe('151');
		expect(intent.application_fee_amount).toBe(151);
	});

	it('sends a destination charge from the same fixture without Stripe-Account', async () => {
		const [intent] = await runFixtureOk(sandbox, FIXTURE, [
			chargeItem({ chargeType: 'destination', destination: vip, feeMode: 'fixed', fee: 250 }),
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payment_intents',
			rawBody:
				`amount=10050&currency=usd&transfer_data[destination]=${vip}&capture_method=automatic` +
				'&confirm=true&payment_method=pm_card_visa&transfer_group=order_3003&application_fee_amount=250&metadata[order_id]=3003',
		});
		expect(intent).toMatchObject({
			application_fee_amount: 250,
			transfer_data: { destination: vip },
		});
	});

	it('creates a mixed batch of direct and destination charges, each with its own fee and account', async () => {
		const items = Array.from({ length: 40 }, (_, index) =>
			chargeItem({
				chargeType: index % 2 === 0 ? 'direct' : 'destination',
				account: index % 4 === 0 ? vip : seller,
				destination: index % 4 === 1 ? vip : seller,
				amount: 1000 + index,
			}),
		);

		const intents = await runFixtureOk(sandbox, FIXTURE, items);

		expect(intents).toHaveLength(40);
		const requests = sandbox.requests();
		expect(requests).toHaveLength(40);
		requests.forEach((request, index) => {
			const item = items[index];
			const toVip = item.chargeType === 'direct' ? item.account === vip : item.destination === vip;
			const fee = toVip
				? Math.floor(((1000 + index) * 15 + 500) / 1000)
				: Math.floor(((1000 + index) * 29 + 500) / 1000) + 30;
			expect(request.stripeAccount).toBe(item.chargeType === 'direct' ? item.account : undefined);
			expect(request.body.transfer_data).toEqual(
				item.chargeType === 'direct' ? undefined : { destination: item.destination },
			);
			expect(request.body.application_fee_amount).toBe(String(fee));
			expect(request.status).toBe(200);
			expect(intents[index].application_fee_amount).toBe(fee);
		});
	});

	it('is re-run safe: the same item sent again gets the first answer and creates nothing', async () => {
		const item = chargeItem({ amount: 7777 });
		const [first] = await runFixtureOk(sandbox, FIXTURE, [item]);
		const [again] = await runFixtureOk(sandbox, FIXTURE, [item]);

		const [one, two] = sandbox.requests();
		expect(two.idempotencyKey).toBe(one.idempotencyKey);
		expect(again.id).toBe(first.id);
		expect(again._stripe).toMatchObject({ idempotentReplayed: true });
		expect(
			sandbox.state.listObjects('payment_intent', seller).filter((pi) => pi.amount === 7777),
		).toHaveLength(1);
	});

	it.each([
		['a wrongly cased charge type', { chargeType: 'Direct' }, 'Charge Type'],
		['a blank charge type', { chargeType: '' }, 'Charge Type'],
		['a direct charge without a connected account', { account: '' }, 'Connected Account'],
		[
			'a direct charge with a destination ID as account',
			{ account: 'ba_123' },
			'Connected Account',
		],
		[
			'a destination charge without a destination',
			{ chargeType: 'destination', destination: ' ' },
			'Destination Account',
		],
		['a wrongly cased fee mode', { feeMode: 'Schedule' }, 'Application Fee'],
		['a blank fixed fee', { feeMode: 'fixed', fee: '' }, 'Application Fee Amount'],
		['a fixed fee of 0', { feeMode: 'fixed', fee: 0 }, 'Application Fee Amount'],
		['a blank amount', { amount: null }, 'Amount'],
		['a fractional minor amount', { amount: 10.5 }, 'Amount'],
		['a wrongly cased capture method', { captureMethod: 'Manual' }, 'Capture Method'],
	])('refuses %s before sending anything', async (_case, overrides, field) => {
		const result = await runFixture(sandbox, FIXTURE, [chargeItem(overrides)]);

		expect(result.error?.message).toMatch(new RegExp(`^${field}[: ]`));
		expect(sandbox.requests()).toEqual([]);
	});

	it('lists the charge types when the expression gives an unknown one', async () => {
		const result = await runFixture(sandbox, FIXTURE, [chargeItem({ chargeType: 'Direct' })]);

		expect(result.error?.message).toContain('Charge Type');
		expect(result.error?.message).toContain('destination');
		expect(result.error?.message).toContain('direct');
	});

	it.each([
		[
			'payment-intent-create-direct-transfer-amount',
			{ transferAmount: 1800 },
			'Additional Fields → Transfer Amount',
		],
		['payment-intent-create-direct-on-behalf-of', {}, 'Additional Fields → On Behalf Of'],
	])(
		'refuses %s (destination-only fields on a direct charge) with 0 requests',
		async (fixture, input, field) => {
			const result = await runFixture(sandbox, fixture, [{ account: seller, ...input }]);

			expect(result.error?.message).toBe(
				`${field}: is only for destination charges: a direct charge is made on the connected account and its funds stay there. Remove the field, or set Charge Type to Destination Charge.`,
			);
			expect(sandbox.requests()).toEqual([]);
		},
	);
});

describe('Payment Intent and Refund as the connected account of a direct charge', () => {
	it('captures part of an authorized direct charge with a new fee', async () => {
		const authorized = await directCharge(seller, 'manual');
		expect(authorized.status).toBe('requires_capture');

		const [intent] = await runFixtureOk(sandbox, 'payment-intent-capture-connected', [
			{ account: seller, paymentIntent: authorized.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payment_intents/${authorized.id as string}/capture`,
			stripeAccount: seller,
			rawBody: 'amount_to_capture=4000&application_fee_amount=200',
		});
		expect(intent).toMatchObject({
			status: 'succeeded',
			amount_received: 4000,
			application_fee_amount: 200,
		});
	});

	it('cancels an authorized direct charge', async () => {
		const authorized = await directCharge(seller, 'manual');

		const [intent] = await runFixtureOk(sandbox, 'payment-intent-cancel-connected', [
			{ account: seller, paymentIntent: authorized.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payment_intents/${authorized.id as string}/cancel`,
			stripeAccount: seller,
			rawBody: 'cancellation_reason=duplicate',
		});
		expect(intent).toMatchObject({ status: 'canceled', cancellation_reason: 'duplicate' });
	});

	it('updates an unconfirmed payment intent of the connected account, amounts from the input', async () => {
		const draft = sandbox.state.createPaymentIntent({
			account: seller,
			amount: 5000,
			currency: 'usd',
			status: 'requires_payment_method',
			application_fee_amount: 100,
		});

		const [intent] = await runFixtureOk(sandbox, 'payment-intent-update-connected', [
			{ account: seller, paymentIntent: draft.id, amount: '6000', fee: 600 },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payment_intents/${draft.id}`,
			stripeAccount: seller,
			rawBody: 'amount=6000&application_fee_amount=600',
		});
		expect(intent).toMatchObject({ amount: 6000, application_fee_amount: 600 });

		sandbox.clearRequests();
		const blank = await runFixture(sandbox, 'payment-intent-update-connected', [
			{ account: seller, paymentIntent: draft.id, amount: '6000', fee: '' },
		]);
		expect(blank.error?.message).toMatch(/^Update Fields → Application Fee Amount: /);
		expect(sandbox.requests()).toEqual([]);
	});

	it("searches only the connected account's payment intents", async () => {
		const mine = await directCharge(vip);
		const amount = mine.amount as number;
		sandbox.state.createPaymentIntent({ account: seller, amount, currency: 'usd' });

		const found = await runFixtureOk(sandbox, 'payment-intent-search-connected', [
			{ account: vip, query: `amount:${amount}` },
		]);

		const [request] = sandbox.requests();
		expectWire(sandbox, request, {
			method: 'GET',
			path: '/v1/payment_intents/search',
			stripeAccount: vip,
			rawQuery: `query=amount%3A${amount}&limit=100`,
		});
		const expected = sandbox.state
			.listObjects('payment_intent', vip)
			.filter((intent) => intent.amount === amount)
			.map((intent) => intent.id);
		expect(expected).toContain(mine.id);
		expect(found.map((item) => item.id).sort()).toEqual([...expected].sort());
	});

	it('refunds part of a direct charge on the connected account and returns the fee in proportion', async () => {
		const intent = await directCharge(seller);

		const result = await runFixture(sandbox, 'refund-create-connected', [
			{ account: seller, paymentIntent: intent.id },
		]);

		expect(result.error).toBeUndefined();
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/refunds',
			stripeAccount: seller,
			rawBody: `payment_intent=${intent.id as string}&amount=4000&refund_application_fee=true`,
		});
		expect(outputJson(result)[0]).toMatchObject({
			amount: 4000,
			payment_intent: intent.id,
			status: 'succeeded',
		});
		const [fee] = sandbox.state
			.listObjects('application_fee')
			.filter((item) => item.charge === intent.latest_charge);
		expect(fee).toMatchObject({ amount: 500, amount_refunded: 200 });
	});
});
