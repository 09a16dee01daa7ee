import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { availableIn, useMarketplace } from '../helpers';

describe('transfer reversals', () => {
	let stripe: Stripe;
	let account: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 10_000 },
		(started) => ({ stripe, seller: account } = started),
	);

	const available = (stripeAccount?: string) => availableIn(stripe, 'usd', stripeAccount);

	it('reverses transfers partly and fully', async () => {
		const transfer = await stripe.transfers.create({
			amount: 1_000,
			currency: 'usd',
			destination: account.id,
		});
		const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 300 });
		expect(reversal).toMatchObject({
			object: 'transfer_reversal',
			amount: 300,
			transfer: transfer.id,
		});
		const rest = await stripe.transfers.createReversal(transfer.id);
		expect(rest.amount).toBe(700);
		const after = await stripe.transfers.retrieve(transfer.id);
		expect(after).toMatchObject({ amount_reversed: 1_000, reversed: true });
		expect(after.reversals.data.map((item) => item.id)).toEqual([rest.id, reversal.id]);
		await expect(stripe.transfers.createReversal(transfer.id, { amount: 1 })).rejects.toMatchObject(
			{ param: 'amount' },
		);
		expect(await available()).toBe(10_000);
		expect(await available(account.id)).toBe(0);
		const listed = await stripe.transfers.listReversals(transfer.id);
		expect(listed.data).toHaveLength(2);
	});
});
