import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { useMarketplace, usdBalance } from '../helpers';

const NOW = 1_750_000_000;

describe('confirming and capturing payment intents', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: NOW }, (started) => ({ sandbox, stripe, seller } = started));

	const balance = (stripeAccount?: string) => usdBalance(stripe, stripeAccount);

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
});
