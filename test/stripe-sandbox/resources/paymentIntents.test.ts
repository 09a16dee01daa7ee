import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startMarketplace } from '../helpers';

const NOW = 1_750_000_000;

describe('payment intents', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	beforeEach(async () => {
		({ sandbox, stripe, seller } = await startMarketplace({ now: NOW }));
	});
	afterEach(() => sandbox.close());

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
