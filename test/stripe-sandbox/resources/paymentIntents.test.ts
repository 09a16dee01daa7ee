import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { useMarketplace, usdBalance } from '../helpers';

const NOW = 1_750_000_000;

describe('payment intents', () => {
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: NOW }, (started) => ({ stripe, seller } = started));

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
});

describe('direct charges (payment intents made on a connected account)', () => {
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: NOW }, (started) => ({ stripe, seller } = started));

	const balance = (stripeAccount?: string) => usdBalance(stripe, stripeAccount);

	it('charges on the connected account, which pays the Stripe fee and the application fee to the platform', async () => {
		const intent = await stripe.paymentIntents.create(
			{
				amount: 10_000,
				currency: 'usd',
				payment_method: 'pm_card_visa',
				confirm: true,
				application_fee_amount: 500,
			},
			{ stripeAccount: seller.id },
		);
		expect(intent).toMatchObject({ status: 'succeeded', application_fee_amount: 500 });
		expect(intent.transfer_data).toBeNull();
		await expect(stripe.paymentIntents.retrieve(intent.id)).rejects.toMatchObject({
			statusCode: 404,
		});

		const charge = await stripe.charges.retrieve(
			intent.latest_charge as string,
			{ expand: ['balance_transaction'] },
			{ stripeAccount: seller.id },
		);
		expect(charge.transfer).toBeUndefined();
		const transaction = charge.balance_transaction as Stripe.BalanceTransaction;
		expect(transaction).toMatchObject({ type: 'charge', amount: 10_000, fee: 820, net: 9_180 });
		expect(transaction.fee_details.map((detail) => [detail.type, detail.amount]).sort()).toEqual([
			['application_fee', 500],
			['stripe_fee', 320],
		]);

		const fee = await stripe.applicationFees.retrieve(charge.application_fee as string);
		expect(fee).toMatchObject({ amount: 500, account: seller.id, charge: charge.id });
		// The platform gets the whole fee (Stripe's fee was the connected account's to pay).
		expect(await balance()).toEqual({ available: 0, pending: 500 });
		expect(await balance(seller.id)).toEqual({ available: 0, pending: 9_180 });
	});

	it('refunds a direct charge on the connected account and returns the application fee', async () => {
		const intent = await stripe.paymentIntents.create(
			{
				amount: 10_000,
				currency: 'usd',
				payment_method: 'pm_card_bypassPending',
				confirm: true,
				application_fee_amount: 500,
			},
			{ stripeAccount: seller.id },
		);
		const refund = await stripe.refunds.create(
			{ payment_intent: intent.id, amount: 4_000, refund_application_fee: true },
			{ stripeAccount: seller.id },
		);
		expect(refund).toMatchObject({ status: 'succeeded', amount: 4_000 });
		const charge = await stripe.charges.retrieve(intent.latest_charge as string, undefined, {
			stripeAccount: seller.id,
		});
		const fee = await stripe.applicationFees.retrieve(charge.application_fee as string);
		expect(fee.amount_refunded).toBe(200);
		expect(await balance()).toEqual({ available: 300, pending: 0 });
		expect(await balance(seller.id)).toEqual({ available: 9_180 - 4_000 + 200, pending: 0 });
	});

	it('refuses transfer_data on a connected account and an application fee on a platform-only charge', async () => {
		await expect(
			stripe.paymentIntents.create(
				{ amount: 1_000, currency: 'usd', transfer_data: { destination: seller.id } },
				{ stripeAccount: seller.id },
			),
		).rejects.toMatchObject({ statusCode: 400, param: 'transfer_data' });
		await expect(
			stripe.paymentIntents.create({
				amount: 1_000,
				currency: 'usd',
				application_fee_amount: 100,
			}),
		).rejects.toMatchObject({ statusCode: 400, param: 'application_fee_amount' });
	});
});
