import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from './helpers';

let sandbox: StripeSandbox;
let destination: string;
let vip: string;

useSandbox(async (started) => {
	sandbox = started;
	destination = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	vip = sandbox.state.createConnectedAccount({ country: 'US' }).id;
});

/** A confirmed destination charge of `amount` cents to `to`, through the node. */
async function charge(amount: number, to = destination) {
	const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-fee-schedule', [
		{ amount, destination: to, vip },
	]);
	sandbox.clearRequests();
	return intent;
}

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

describe('Refund', () => {
	it('refunds part of a destination charge, reversing the transfer and the fee', async () => {
		const intent = await charge(5000);

		const [refund] = await runFixtureOk(sandbox, 'refund-create', [{ paymentIntent: intent.id }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/refunds',
			rawBody: `payment_intent=${intent.id as string}&amount=1000&reason=requested_by_customer&refund_application_fee=true&reverse_transfer=true&metadata[ticket]=R-1`,
		});
		expect(refund).toMatchObject({
			object: 'refund',
			amount: 1000,
			payment_intent: intent.id,
			status: 'succeeded',
		});
	});

	it('refunds a charge in full', async () => {
		const intent = await charge(2500);

		const [refund] = await runFixtureOk(sandbox, 'refund-create-charge', [
			{ charge: intent.latest_charge },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/refunds',
			rawBody: `charge=${intent.latest_charge as string}`,
		});
		expect(refund).toMatchObject({ amount: 2500, charge: intent.latest_charge });
	});

	it('gets, lists and updates refunds', async () => {
		const intent = await charge(3000);
		const [refund] = await runFixtureOk(sandbox, 'refund-create', [{ paymentIntent: intent.id }]);
		sandbox.clearRequests();

		const [fetched] = await runFixtureOk(sandbox, 'refund-get', [{ refund: refund.id }]);
		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/refunds/${refund.id as string}` });
		expect(fetched.id).toBe(refund.id);

		sandbox.clearRequests();
		const listed = await runFixtureOk(sandbox, 'refund-get-many', [{ paymentIntent: intent.id }]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/refunds',
			rawQuery: `payment_intent=${intent.id as string}&limit=100`,
		});
		expect(listed.map((item) => item.id)).toEqual([refund.id]);

		sandbox.clearRequests();
		const [updated] = await runFixtureOk(sandbox, 'refund-update', [{ refund: refund.id }]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/refunds/${refund.id as string}`,
			rawBody: 'metadata[ticket]=R-2',
		});
		expect(updated.metadata).toEqual({ ticket: 'R-2' });
	});

	it("sends a valid cancel request and reports Stripe's reason when the refund already succeeded", async () => {
		const intent = await charge(3100);
		const [refund] = await runFixtureOk(sandbox, 'refund-create', [{ paymentIntent: intent.id }]);
		sandbox.clearRequests();

		const result = await runFixture(sandbox, 'refund-cancel', [{ refund: refund.id }]);

		const [request] = sandbox.requests();
		expect({ method: request.method, path: request.path, rawBody: request.rawBody }).toEqual({
			method: 'POST',
			path: `/v1/refunds/${refund.id as string}/cancel`,
			rawBody: '',
		});
		expect(request.idempotencyKey).toMatch(/^n8n-/);
		expect(request.status).toBe(400);
		expect(result.error?.message).toBe(
			"Can't cancel a refund that is succeeded. Only refunds with status requires_action can be canceled.",
		);
	});
});

describe('Application Fee', () => {
	it('gets, lists, refunds and lists the refunds of an application fee', async () => {
		const intent = await charge(10000);
		const [fee] = sandbox.state
			.listObjects('application_fee')
			.filter((item) => item.charge === intent.latest_charge);
		expect(fee.amount).toBe(320);

		const [fetched] = await runFixtureOk(sandbox, 'application-fee-get', [{ fee: fee.id }]);
		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/application_fees/${fee.id}` });
		expect(fetched).toMatchObject({ id: fee.id, amount: 320 });

		sandbox.clearRequests();
		const listed = await runFixtureOk(sandbox, 'application-fee-get-many', [
			{ charge: intent.latest_charge },
		]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/application_fees',
			rawQuery: `charge=${intent.latest_charge as string}&limit=10`,
		});
		expect(listed.map((item) => item.id)).toEqual([fee.id]);

		sandbox.clearRequests();
		const [feeRefund] = await runFixtureOk(sandbox, 'application-fee-refund', [{ fee: fee.id }]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/application_fees/${fee.id}/refunds`,
			rawBody: 'amount=50&metadata[why]=goodwill',
		});
		expect(feeRefund).toMatchObject({ object: 'fee_refund', amount: 50, fee: fee.id });

		sandbox.clearRequests();
		const refunds = await runFixtureOk(sandbox, 'application-fee-get-many-refunds', [
			{ fee: fee.id },
		]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/application_fees/${fee.id}/refunds`,
			rawQuery: 'limit=100',
		});
		expect(refunds.map((item) => item.id)).toEqual([feeRefund.id]);
	});
});

describe('Dispute', () => {
	async function disputedCharge() {
		const [intent] = await runFixtureOk(sandbox, 'payment-intent-create-fixed-fee', [
			{ destination, confirm: true, paymentMethod: 'pm_card_createDispute' },
		]);
		await runFixtureOk(sandbox, 'payment-intent-capture', [{ paymentIntent: intent.id }]);
		const [dispute] = sandbox.state
			.listObjects('dispute')
			.filter((item) => item.payment_intent === intent.id);
		sandbox.clearRequests();
		return { intent, dispute };
	}

	it('gets and lists the disputes of a payment intent', async () => {
		const { intent, dispute } = await disputedCharge();

		const [fetched] = await runFixtureOk(sandbox, 'dispute-get', [{ dispute: dispute.id }]);
		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/disputes/${dispute.id}` });
		expect(fetched).toMatchObject({ id: dispute.id, object: 'dispute' });

		sandbox.clearRequests();
		const listed = await runFixtureOk(sandbox, 'dispute-get-many', [{ paymentIntent: intent.id }]);
		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/disputes',
			rawQuery: `payment_intent=${intent.id as string}&limit=100`,
		});
		expect(listed.map((item) => item.id)).toEqual([dispute.id]);
	});

	it('saves evidence without submitting, then submits it', async () => {
		const { dispute } = await disputedCharge();
		const evidence =
			'evidence[customer_email_address]=ada%40example.com&evidence[customer_name]=Ada%20Buyer&evidence[product_description]=Framed%20print' +
			'&evidence[shipping_tracking_number]=1Z999&evidence[uncategorized_text]=Delivered%20and%20signed%20for';

		const [saved] = await runFixtureOk(sandbox, 'dispute-update', [
			{ dispute: dispute.id, submit: false },
		]);
		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/disputes/${dispute.id}`,
			rawBody: `${evidence}&submit=false&metadata[case]=C-7`,
		});
		expect(saved).toMatchObject({
			evidence: { customer_name: 'Ada Buyer' },
			metadata: { case: 'C-7' },
		});

		sandbox.clearRequests();
		const [submitted] = await runFixtureOk(sandbox, 'dispute-update', [
			{ dispute: dispute.id, submit: true },
		]);
		expect(sandbox.requests()[0].rawBody).toBe(`${evidence}&submit=true&metadata[case]=C-7`);
		expect(submitted.status).toBe('under_review');
	});

	it('closes (accepts) a dispute', async () => {
		const { dispute } = await disputedCharge();

		const [closed] = await runFixtureOk(sandbox, 'dispute-close', [{ dispute: dispute.id }]);

		expectSingleRequest(sandbox, { method: 'POST', path: `/v1/disputes/${dispute.id}/close` });
		expect(closed).toMatchObject({ id: dispute.id, status: 'lost' });
	});
});

describe('Onboarding', () => {
	it('creates an account link for onboarding', async () => {
		const account = sandbox.state.createConnectedAccount({
			country: 'US',
			details_submitted: false,
		}).id;

		const [link] = await runFixtureOk(sandbox, 'account-link-create', [{ account }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/account_links',
			rawBody:
				`account=${account}&type=account_onboarding&return_url=https%3A%2F%2Fexample.com%2Fonboarding%2Fdone` +
				'&refresh_url=https%3A%2F%2Fexample.com%2Fonboarding%2Frefresh' +
				'&collection_options[fields]=eventually_due&collection_options[future_requirements]=include',
		});
		expect(link).toMatchObject({ object: 'account_link' });
		expect(link.url).toMatch(/^https:\/\//);
	});

	it('refuses a workflow saved with the retired Collect before any request', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const result = await runFixture(sandbox, 'account-link-create-saved-collect', [{ account }]);

		expect(result.error?.message).toBe(
			'Collect: is no longer offered: Stripe deprecated it for collection options. Open the node and set Collection Options → Fields (and Future Requirements) instead.',
		);
		expect(sandbox.requests()).toEqual([]);
	});

	it('creates an Express dashboard login link', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US', type: 'express' }).id;

		const [link] = await runFixtureOk(sandbox, 'login-link-create', [{ account }]);

		expectSingleRequest(sandbox, { method: 'POST', path: `/v1/accounts/${account}/login_links` });
		expect(link).toMatchObject({ object: 'login_link' });
	});

	it('creates an account session with embedded components enabled', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const [session] = await runFixtureOk(sandbox, 'account-session-create', [{ account }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/account_sessions',
			rawBody: `account=${account}&components[account_onboarding][enabled]=true&components[payouts][enabled]=true&components[payments][enabled]=true`,
		});
		expect(session).toMatchObject({ object: 'account_session', account });
		expect(session.client_secret).toEqual(expect.any(String));
	});
});
