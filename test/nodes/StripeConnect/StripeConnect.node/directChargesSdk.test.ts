/**
 * Differential test of the operations issue 14 added or changed (direct charges, account session
 * components, instant payouts, dispute appeals): each request the node sends equals the one the
 * official stripe 23.1.0 SDK sends for the same call, on real objects of the sandbox, compared with
 * the conformance capture (support/differentialCapture.ts) and, stricter, by exact query and form
 * body. Only the Idempotency-Key differs by design (the SDK's is random).
 */
import type { IDataObject } from 'n8n-workflow';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

import type { RecordedRequest, StripeSandbox } from '../../../../stripe-sandbox';
import { sandboxSdk, wireRequestOf } from '../support/differentialCapture';
import { runFixture, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let stripe: Stripe;
let seller: string;

useSandbox((started) => {
	sandbox = started;
	stripe = sandboxSdk(sandbox);
	seller = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ account: seller, currency: 'usd', amount: 500_00 });
});

/**
 * What must be equal between the node's request and the SDK's: the conformance helper's WireRequest
 * (decoded params, headers Stripe reads) without the status (the second of two calls on one object,
 * e.g. a second capture, is refused), plus the exact query and form body, order included.
 */
function wireOf(request: RecordedRequest) {
	const { method, path, stripeAccount, stripeContext, stripeVersion, params } =
		wireRequestOf(request);
	return {
		method,
		path,
		stripeAccount,
		stripeContext,
		stripeVersion,
		params,
		rawQuery: request.rawQuery,
		rawBody: request.rawBody,
		// The SDK also sends a form content type on GETs, which have no body; only a POST's counts.
		contentType: request.method === 'POST' ? request.headers['content-type'] : undefined,
		hasIdempotencyKey: request.idempotencyKey !== undefined,
	};
}

/** The single request a call made; the call's own outcome does not matter here. */
async function captured(call: () => Promise<unknown>): Promise<RecordedRequest> {
	sandbox.clearRequests();
	await call().catch(() => undefined);
	const requests = sandbox.requests();
	expect(requests).toHaveLength(1);
	return requests[0];
}

async function expectNodeEqualsSdk(
	fixture: string,
	item: IDataObject,
	sdkCall: () => Promise<unknown>,
): Promise<void> {
	const node = await captured(async () => {
		const result = await runFixture(sandbox, fixture, [item]);
		expect(result.error).toBeUndefined();
	});
	const sdk = await captured(sdkCall);
	expect(wireOf(node)).toEqual(wireOf(sdk));
}

/** An authorized (manual capture) direct charge on the seller, made through the SDK. */
async function authorizedDirectCharge(amount: number) {
	return await stripe.paymentIntents.create(
		{
			amount,
			currency: 'usd',
			capture_method: 'manual',
			confirm: true,
			payment_method: 'pm_card_visa',
			application_fee_amount: 500,
		},
		{ stripeAccount: seller },
	);
}

describe('node requests equal stripe 23.1.0 requests', () => {
	it('Payment Intent → Create, direct charge', async () => {
		await expectNodeEqualsSdk(
			'payment-intent-create-charge-type-input',
			{
				chargeType: 'direct',
				account: seller,
				amount: 10050,
				feeMode: 'schedule',
				vip: 'acct_none',
				captureMethod: 'automatic',
			},
			() =>
				stripe.paymentIntents.create(
					{
						amount: 10050,
						currency: 'usd',
						capture_method: 'automatic',
						confirm: true,
						payment_method: 'pm_card_visa',
						transfer_group: 'order_3003',
						application_fee_amount: 321,
						metadata: { order_id: '3003' },
					},
					{ stripeAccount: seller },
				),
		);
	});

	it('Payment Intent → Create, destination charge', async () => {
		await expectNodeEqualsSdk(
			'payment-intent-create-charge-type-input',
			{
				chargeType: 'destination',
				destination: seller,
				amount: 2000,
				feeMode: 'fixed',
				fee: 150,
				captureMethod: 'manual',
			},
			() =>
				stripe.paymentIntents.create({
					amount: 2000,
					currency: 'usd',
					transfer_data: { destination: seller },
					capture_method: 'manual',
					confirm: true,
					payment_method: 'pm_card_visa',
					transfer_group: 'order_3003',
					application_fee_amount: 150,
					metadata: { order_id: '3003' },
				}),
		);
	});

	it('Payment Intent → Capture, Cancel and Update as the connected account', async () => {
		const toCapture = await authorizedDirectCharge(9001);
		await expectNodeEqualsSdk(
			'payment-intent-capture-connected',
			{ account: seller, paymentIntent: toCapture.id },
			() =>
				stripe.paymentIntents.capture(
					toCapture.id,
					{ amount_to_capture: 4000, application_fee_amount: 200 },
					{ stripeAccount: seller },
				),
		);
		const toCancel = await authorizedDirectCharge(9002);
		await expectNodeEqualsSdk(
			'payment-intent-cancel-connected',
			{ account: seller, paymentIntent: toCancel.id },
			() =>
				stripe.paymentIntents.cancel(
					toCancel.id,
					{ cancellation_reason: 'duplicate' },
					{ stripeAccount: seller },
				),
		);
		const draft = await stripe.paymentIntents.create(
			{ amount: 5000, currency: 'usd', application_fee_amount: 100 },
			{ stripeAccount: seller },
		);
		await expectNodeEqualsSdk(
			'payment-intent-update-connected',
			{ account: seller, paymentIntent: draft.id, amount: 6000, fee: 600 },
			() =>
				stripe.paymentIntents.update(
					draft.id,
					{ amount: 6000, application_fee_amount: 600 },
					{ stripeAccount: seller },
				),
		);
	});

	it('Payment Intent → Search as the connected account', async () => {
		await expectNodeEqualsSdk(
			'payment-intent-search-connected',
			{ account: seller, query: "status:'succeeded' AND amount>1000" },
			() =>
				stripe.paymentIntents.search(
					{ query: "status:'succeeded' AND amount>1000", limit: 100 },
					{ stripeAccount: seller },
				),
		);
	});

	it('Refund → Create as the connected account', async () => {
		const intent = await stripe.paymentIntents.create(
			{
				amount: 8000,
				currency: 'usd',
				confirm: true,
				payment_method: 'pm_card_visa',
				application_fee_amount: 400,
			},
			{ stripeAccount: seller },
		);
		await expectNodeEqualsSdk(
			'refund-create-connected',
			{ account: seller, paymentIntent: intent.id },
			() =>
				stripe.refunds.create(
					{ payment_intent: intent.id, amount: 4000, refund_application_fee: true },
					{ stripeAccount: seller },
				),
		);
	});

	it('Account Session → Create with components and features', async () => {
		await expectNodeEqualsSdk(
			'account-session-create-features-input',
			{
				account: seller,
				components: ['balance_report', 'payouts', 'reporting_chart'],
				turnOn: ['payouts.instant_payouts'],
				turnOff: ['payouts.edit_payout_schedule'],
			},
			() =>
				stripe.accountSessions.create({
					account: seller,
					components: {
						balance_report: { enabled: true },
						payouts: {
							enabled: true,
							features: { instant_payouts: true, edit_payout_schedule: false },
						},
						reporting_chart: { enabled: true },
					},
				}),
		);
	});

	it('Payout → Create, instant', async () => {
		await expectNodeEqualsSdk(
			'payout-create-method-input',
			{ account: seller, amount: 1234, method: 'instant' },
			() =>
				stripe.payouts.create(
					{ amount: 1234, currency: 'usd', method: 'instant' },
					{ stripeAccount: seller },
				),
		);
	});

	it('Dispute → Get Many by status and Update Evidence for an appeal', async () => {
		await expectNodeEqualsSdk(
			'dispute-get-many-status-input',
			{ returnAll: true, limit: 1, statuses: ['appeal_needs_response'] },
			() => stripe.disputes.list({ limit: 100 }),
		);
		const intent = sandbox.state.createPaymentIntent({
			amount: 5000,
			currency: 'usd',
			transfer_data: { destination: seller },
		});
		const dispute = sandbox.state.createDispute({ payment_intent: intent.id });
		sandbox.state.closeDispute(dispute.id, 'lost');
		sandbox.state.openDisputeAppeal(dispute.id);
		await expectNodeEqualsSdk(
			'dispute-update-appeal',
			{ dispute: dispute.id, reason: 'Delivered', files: 'file_a,file_b' },
			() =>
				stripe.disputes.update(dispute.id, {
					evidence: {
						appeal: {
							card: { reason_for_filing: 'Delivered', supporting_files: ['file_a', 'file_b'] },
						},
					},
					submit: true,
				}),
		);
	});
});
