import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useMarketplace, usdBalance } from '../helpers';

const NOW = 1_750_000_000;

describe('refunds', () => {
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: NOW }, (started) => ({ stripe, seller } = started));

	const balance = (stripeAccount?: string) => usdBalance(stripe, stripeAccount);

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
});
