import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { useMarketplace } from '../helpers';

describe('balance transactions', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let account: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 10_000 },
		(started) => ({ sandbox, stripe, seller: account } = started),
	);

	it('lists an automatic payout’s transactions with the payout filter, net equal to the payout', async () => {
		const payout = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			transactions: [
				{ type: 'charge', amount: 10_000, fee: 320 },
				{ type: 'refund', amount: -2_000 },
				{ type: 'application_fee', amount: -500 },
			],
		});
		expect(payout).toMatchObject({
			amount: 7_180,
			automatic: true,
			status: 'paid',
			reconciliation_status: 'completed',
		});
		const transactions = await stripe.balanceTransactions.list(
			{ payout: payout.id, limit: 100 },
			{ stripeAccount: account.id },
		);
		expect(transactions.data.map((item) => item.type).sort()).toEqual([
			'application_fee',
			'charge',
			'payout',
			'refund',
		]);
		const attributed = transactions.data
			.filter((item) => item.type !== 'payout')
			.reduce((sum, item) => sum + item.net, 0);
		expect(attributed).toBe(payout.amount);
		expect(transactions.data.find((item) => item.type === 'payout')?.amount).toBe(-7_180);
	});

	it('makes the attributed net differ from the payout by mismatchBy', async () => {
		const payout = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			amount: 1_000,
			mismatchBy: 25,
		});
		const transactions = await stripe.balanceTransactions.list(
			{ payout: payout.id },
			{ stripeAccount: account.id },
		);
		const attributed = transactions.data
			.filter((item) => item.type !== 'payout')
			.reduce((sum, item) => sum + item.net, 0);
		expect(payout.amount - attributed).toBe(25);
	});

	it('refuses the payout filter for a manual payout, as Stripe does', async () => {
		const manual = sandbox.state.createManualPayout({
			account: account.id,
			amount: 100,
			currency: 'usd',
		});
		await expect(
			stripe.balanceTransactions.list({ payout: manual.id }, { stripeAccount: account.id }),
		).rejects.toMatchObject({ param: 'payout' });
	});
});
