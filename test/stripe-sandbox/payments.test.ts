import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, sandboxStripe } from './helpers';

const NOW = 1_750_000_000;

describe('destination charges, refunds, application fees and disputes', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: NOW });
		stripe = sandboxStripe(sandbox);
		seller = sandbox.state.createConnectedAccount({ country: 'US' });
	});
	afterEach(() => sandbox.close());

	const balance = async (stripeAccount?: string) => {
		const result = await stripe.balance.retrieve({}, stripeAccount ? { stripeAccount } : {});
		const pick = (entries: Stripe.Balance.Available[]) =>
			entries.find((entry) => entry.currency === 'usd')?.amount ?? 0;
		return { available: pick(result.available), pending: pick(result.pending) };
	};

	it('confirms a destination charge with an application fee and moves the money believably', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 10_000,
			currency: 'usd',
			payment_method: 'pm_card_visa',
			confirm: true,
			application_fee_amount: 1_000,
			transfer_data: { destination: seller.id },
			metadata: { order: 'o-1' },
		});
		expect(intent).toMatchObject({
			status: 'succeeded',
			amount_received: 10_000,
			application_fee_amount: 1_000,
			transfer_data: { destination: seller.id },
		});
		const charge = await stripe.charges.retrieve(intent.latest_charge as string, {
			expand: ['balance_transaction'],
		});
		expect(charge).toMatchObject({
			captured: true,
			amount_captured: 10_000,
			amount_refunded: 0,
			payment_intent: intent.id,
			metadata: { order: 'o-1' },
		});
		expect(charge.balance_transaction).toMatchObject({
			type: 'charge',
			amount: 10_000,
			fee: 320,
			net: 9_680,
			status: 'pending',
			available_on: NOW + 2 * 86400,
		});
		const fee = await stripe.applicationFees.retrieve(charge.application_fee as string);
		expect(fee).toMatchObject({
			amount: 1_000,
			account: seller.id,
			charge: charge.id,
			refunded: false,
		});
		const transfer = await stripe.transfers.retrieve(charge.transfer as string);
		expect(transfer).toMatchObject({
			amount: 10_000,
			destination: seller.id,
			source_transaction: charge.id,
		});
		expect(intent.transfer_group).toBe(transfer.transfer_group);
		// Platform keeps the fee minus Stripe's fee; the seller gets the rest; all pending for two days.
		expect(await balance()).toEqual({ available: 0, pending: 1_000 - 320 });
		expect(await balance(seller.id)).toEqual({ available: 0, pending: 9_000 });
		await sandbox.advanceTime(2 * 86400);
		expect(await balance()).toEqual({ available: 680, pending: 0 });
		expect(await balance(seller.id)).toEqual({ available: 9_000, pending: 0 });
	});

	it('sends transfer_data[amount] to the destination and keeps the rest', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 5_000,
			currency: 'usd',
			payment_method: 'pm_card_bypassPending',
			confirm: true,
			transfer_data: { destination: seller.id, amount: 4_000 },
		});
		expect(await balance(seller.id)).toEqual({ available: 4_000, pending: 0 });
		expect(await balance()).toEqual({ available: 5_000 - 175 - 4_000, pending: 0 });
		const charge = await stripe.charges.retrieve(intent.latest_charge as string);
		expect(charge.application_fee).toBeNull();
	});

	it('refuses application_fee_amount together with transfer_data[amount]', async () => {
		await expect(
			stripe.paymentIntents.create({
				amount: 5_000,
				currency: 'usd',
				application_fee_amount: 10,
				transfer_data: { destination: seller.id, amount: 4_000 },
			}),
		).rejects.toMatchObject({ param: 'application_fee_amount' });
	});

	it('authorises with manual capture and captures less, with a new fee', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 8_000,
			currency: 'usd',
			capture_method: 'manual',
			payment_method: 'pm_card_visa',
			confirm: true,
			application_fee_amount: 800,
			transfer_data: { destination: seller.id },
		});
		expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 8_000 });
		expect(sandbox.state.listObjects('transfer')).toEqual([]);
		const captured = await stripe.paymentIntents.capture(intent.id, {
			amount_to_capture: 6_000,
			application_fee_amount: 500,
		});
		expect(captured).toMatchObject({
			status: 'succeeded',
			amount_received: 6_000,
			application_fee_amount: 500,
		});
		const charge = await stripe.charges.retrieve(captured.latest_charge as string, {
			expand: ['application_fee', 'transfer'],
		});
		expect(charge.amount_captured).toBe(6_000);
		expect((charge.application_fee as Stripe.ApplicationFee).amount).toBe(500);
		expect((charge.transfer as Stripe.Transfer).amount).toBe(6_000);
		await expect(stripe.paymentIntents.capture(intent.id)).rejects.toMatchObject({
			code: 'payment_intent_unexpected_state',
		});
	});

	it('creates, updates, confirms and cancels intents', async () => {
		const created = await stripe.paymentIntents.create({ amount: 1_000, currency: 'usd' });
		expect(created.status).toBe('requires_payment_method');
		const updated = await stripe.paymentIntents.update(created.id, {
			amount: 1_500,
			metadata: { a: 'b' },
		});
		expect(updated).toMatchObject({ amount: 1_500, metadata: { a: 'b' } });
		const confirmed = await stripe.paymentIntents.confirm(created.id, {
			payment_method: 'pm_card_visa',
		});
		expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 1_500 });
		await expect(stripe.paymentIntents.cancel(created.id)).rejects.toMatchObject({
			code: 'payment_intent_unexpected_state',
		});
		const other = await stripe.paymentIntents.create({ amount: 700, currency: 'usd' });
		const canceled = await stripe.paymentIntents.cancel(other.id, {
			cancellation_reason: 'abandoned',
		});
		expect(canceled).toMatchObject({
			status: 'canceled',
			cancellation_reason: 'abandoned',
			canceled_at: NOW,
		});
	});

	it('declines pm_card_chargeDeclined with a 402 card error and records it on the intent', async () => {
		const error = await stripe.paymentIntents
			.create({
				amount: 1_000,
				currency: 'usd',
				payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
				confirm: true,
			})
			.catch((caught: unknown) => caught);
		expect(error).toMatchObject({
			type: 'StripeCardError',
			statusCode: 402,
			code: 'card_declined',
			decline_code: 'insufficient_funds',
		});
		const [intent] = (await stripe.paymentIntents.list()).data;
		expect(intent).toMatchObject({
			status: 'requires_payment_method',
			last_payment_error: { code: 'card_declined' },
		});
	});

	it('refunds part of a destination charge, reversing the transfer and fee in proportion', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 10_000,
			currency: 'usd',
			payment_method: 'pm_card_bypassPending',
			confirm: true,
			application_fee_amount: 1_000,
			transfer_data: { destination: seller.id },
		});
		const refund = await stripe.refunds.create({
			payment_intent: intent.id,
			amount: 4_000,
			reverse_transfer: true,
			refund_application_fee: true,
			metadata: { why: 'damaged' },
		});
		expect(refund).toMatchObject({
			amount: 4_000,
			status: 'succeeded',
			payment_intent: intent.id,
			metadata: { why: 'damaged' },
		});
		const reversal = await stripe.transfers.retrieveReversal(
			(await stripe.charges.retrieve(intent.latest_charge as string)).transfer as string,
			refund.transfer_reversal as string,
		);
		expect(reversal.amount).toBe(4_000);
		const charge = await stripe.charges.retrieve(intent.latest_charge as string, {
			expand: ['application_fee'],
		});
		expect(charge).toMatchObject({ amount_refunded: 4_000, refunded: false });
		expect((charge.application_fee as Stripe.ApplicationFee).amount_refunded).toBe(400);
		// seller: +10000 −1000 fee −4000 reversal +400 fee refund
		expect(await balance(seller.id)).toEqual({ available: 5_400, pending: 0 });
		await stripe.refunds.create({ charge: charge.id, reverse_transfer: true });
		expect((await stripe.charges.retrieve(charge.id)).refunded).toBe(true);
		await expect(stripe.refunds.create({ charge: charge.id })).rejects.toMatchObject({
			code: 'charge_already_refunded',
		});
		const updated = await stripe.refunds.update(refund.id, { metadata: { why: '' } });
		expect(updated.metadata).toEqual({});
		await expect(stripe.refunds.cancel(refund.id)).rejects.toMatchObject({ statusCode: 400 });
	});

	it('refuses refunds above what is left', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 1_000,
			currency: 'usd',
			payment_method: 'pm_card_visa',
			confirm: true,
		});
		await expect(
			stripe.refunds.create({ payment_intent: intent.id, amount: 1_001 }),
		).rejects.toMatchObject({ param: 'amount' });
	});

	it('refunds application fees directly', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 2_000,
			currency: 'usd',
			payment_method: 'pm_card_visa',
			confirm: true,
			application_fee_amount: 300,
			transfer_data: { destination: seller.id },
		});
		const feeId = (await stripe.charges.retrieve(intent.latest_charge as string))
			.application_fee as string;
		const feeRefund = await stripe.applicationFees.createRefund(feeId, { amount: 100 });
		expect(feeRefund).toMatchObject({ object: 'fee_refund', amount: 100, fee: feeId });
		expect((await stripe.applicationFees.listRefunds(feeId)).data.map((item) => item.id)).toEqual([
			feeRefund.id,
		]);
		expect(
			(await stripe.applicationFees.list({ charge: intent.latest_charge as string })).data,
		).toHaveLength(1);
	});

	it('opens a dispute for pm_card_createDispute and takes evidence, submission and closing', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 3_000,
			currency: 'usd',
			payment_method: 'pm_card_createDispute',
			confirm: true,
			transfer_data: { destination: seller.id },
		});
		const [dispute] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
		expect(dispute).toMatchObject({
			amount: 3_000,
			status: 'needs_response',
			reason: 'fraudulent',
			charge: intent.latest_charge,
			evidence_details: { submission_count: 0 },
		});
		expect(dispute.balance_transactions[0]).toMatchObject({ amount: -3_000, fee: 1_500 });
		const saved = await stripe.disputes.update(dispute.id, {
			evidence: { uncategorized_text: 'Delivered' },
			submit: false,
		});
		expect(saved).toMatchObject({
			status: 'needs_response',
			evidence: { uncategorized_text: 'Delivered' },
		});
		const submitted = await stripe.disputes.update(dispute.id, {
			evidence: { product_description: 'A lamp' },
		});
		expect(submitted).toMatchObject({
			status: 'under_review',
			evidence_details: { submission_count: 1, has_evidence: true },
		});
		await expect(stripe.disputes.close(dispute.id)).resolves.toMatchObject({ status: 'lost' });
		const types = (await stripe.events.list({ type: 'charge.dispute.*' })).data.map(
			(event) => event.type,
		);
		expect(types).toEqual([
			'charge.dispute.closed',
			'charge.dispute.updated',
			'charge.dispute.updated',
			'charge.dispute.funds_withdrawn',
			'charge.dispute.created',
		]);
	});

	it('puts disputes of direct charges on the connected account', async () => {
		const intent = sandbox.state.createPaymentIntent({
			account: seller.id,
			amount: 2_000,
			currency: 'usd',
		});
		const dispute = sandbox.state.createDispute({
			payment_intent: intent.id,
			reason: 'product_not_received',
		});
		await expect(stripe.disputes.retrieve(dispute.id)).rejects.toMatchObject({ statusCode: 404 });
		const scoped = await stripe.disputes.retrieve(dispute.id, {}, { stripeAccount: seller.id });
		expect(scoped.reason).toBe('product_not_received');
		const won = sandbox.state.closeDispute(dispute.id, 'won');
		expect(won.status).toBe('won');
	});

	it('searches payment intents by metadata, status and created with next_page paging', async () => {
		for (let index = 0; index < 5; index++) {
			sandbox.state.createPaymentIntent({
				amount: 1_000 + index,
				currency: 'usd',
				created: NOW - 1000 + index,
				metadata: { tip_recipient: index % 2 ? seller.id : 'acct_other' },
			});
		}
		sandbox.state.createPaymentIntent({
			amount: 9,
			currency: 'usd',
			status: 'canceled',
			metadata: { tip_recipient: seller.id },
		});
		const query = `status:'succeeded' AND metadata['tip_recipient']:'${seller.id}' AND created>=${NOW - 1000}`;
		const first = await stripe.paymentIntents.search({ query, limit: 1 });
		expect(first).toMatchObject({ object: 'search_result', has_more: true, total_count: 2 });
		expect(first.data.map((intent) => intent.amount)).toEqual([1_003]);
		const second = await stripe.paymentIntents.search({
			query,
			limit: 1,
			page: first.next_page as string,
		});
		expect(second.data.map((intent) => intent.amount)).toEqual([1_001]);
		expect(second).toMatchObject({ has_more: false, next_page: null });
		const all: number[] = [];
		for await (const intent of stripe.paymentIntents.search({
			query: 'amount>1001 OR amount<10',
			limit: 2,
		}))
			all.push(intent.amount);
		expect(all).toEqual([9, 1_004, 1_003, 1_002]);
		const negated = await stripe.paymentIntents.search({ query: `-status:'succeeded'` });
		expect(negated.data.map((intent) => intent.status)).toEqual(['canceled']);
	});

	it('explains unsupported search fields and mixed AND/OR', async () => {
		const unsupported = await callSandbox(
			sandbox,
			'GET',
			`/v1/payment_intents/search?query=${encodeURIComponent("email:'x'")}`,
		);
		expect(unsupported.status).toBe(400);
		expect(unsupported.body.error.message).toContain('unsupported search field');
		const mixed = await callSandbox(
			sandbox,
			'GET',
			`/v1/payment_intents/search?query=${encodeURIComponent("amount>1 AND amount<5 OR status:'x'")}`,
		);
		expect(mixed.body.error.param).toBe('query');
	});

	it('scenario builder makes refunds that reverse transfers', () => {
		const intent = sandbox.state.createPaymentIntent({
			amount: 5_000,
			currency: 'usd',
			transfer_data: { destination: seller.id },
			metadata: { tip_amount: '500', tip_recipient: seller.id },
		});
		const refund = sandbox.state.createRefund({
			payment_intent: intent.id,
			amount: 5_000,
			reverse_transfer: true,
		});
		expect(refund.transfer_reversal).toMatch(/^trr_/);
		expect(sandbox.state.getObject(intent.latest_charge as string)).toMatchObject({
			refunded: true,
			amount_refunded: 5_000,
		});
	});
});
