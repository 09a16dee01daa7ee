import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useMarketplace } from '../helpers';

const NOW = 1_750_000_000;

describe('application fee refunds', () => {
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: NOW }, (started) => ({ stripe, seller } = started));

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
});
