import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { availableIn, useMarketplace } from '../helpers';

describe('payouts', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let account: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 10_000 },
		(started) => ({ sandbox, stripe, seller: account } = started),
	);

	const available = (stripeAccount?: string) => availableIn(stripe, 'usd', stripeAccount);

	it('pays out from a connected account and settles the payout as time passes', async () => {
		await stripe.transfers.create({ amount: 3_000, currency: 'usd', destination: account.id });
		const payout = await stripe.payouts.create(
			{ amount: 2_000, currency: 'usd' },
			{ stripeAccount: account.id },
		);
		expect(payout).toMatchObject({
			status: 'pending',
			automatic: false,
			method: 'standard',
			reconciliation_status: 'not_applicable',
			arrival_date: 1_750_000_000 + 2 * 86400,
		});
		expect(await available(account.id)).toBe(1_000);
		await sandbox.advanceTime(60);
		expect(
			(await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: account.id })).status,
		).toBe('in_transit');
		await sandbox.advanceTime(2 * 86400);
		expect(
			(await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: account.id })).status,
		).toBe('paid');
		const types = (await stripe.events.list({}, { stripeAccount: account.id })).data.map(
			(event) => event.type,
		);
		expect(types).toEqual(['payout.paid', 'payout.updated', 'payout.updated', 'payout.created']);
	});

	it('refuses a payout above the available balance', async () => {
		await expect(
			stripe.payouts.create({ amount: 1, currency: 'usd' }, { stripeAccount: account.id }),
		).rejects.toMatchObject({ code: 'balance_insufficient' });
		expect(sandbox.state.listObjects('payout', account.id)).toEqual([]);
	});

	it('cancels a pending manual payout and returns the money', async () => {
		const payout = await stripe.payouts.create({ amount: 4_000, currency: 'usd' });
		expect(await available()).toBe(6_000);
		const canceled = await stripe.payouts.cancel(payout.id);
		expect(canceled.status).toBe('canceled');
		expect(await available()).toBe(10_000);
		await expect(stripe.payouts.cancel(payout.id)).rejects.toMatchObject({ statusCode: 400 });
	});

	it('fails a payout planned to fail when it arrives, with Stripe’s failure code and a returning transaction', async () => {
		const planned = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			amount: 5_000,
			status: 'in_transit',
			willFail: true,
			failure_code: 'account_closed',
			arrival_date: 1_750_000_000 + 86400,
		});
		expect(await available(account.id)).toBe(0);
		await sandbox.advanceTime(86400);
		const failed = await stripe.payouts.retrieve(
			planned.id,
			{ expand: ['failure_balance_transaction'] },
			{ stripeAccount: account.id },
		);
		expect(failed).toMatchObject({
			status: 'failed',
			failure_code: 'account_closed',
			failure_message: 'The bank account has been closed.',
		});
		expect(failed.failure_balance_transaction).toMatchObject({
			type: 'payout_failure',
			amount: 5_000,
		});
		expect(await available(account.id)).toBe(5_000);
		const types = (await stripe.events.list({}, { stripeAccount: account.id })).data.map(
			(event) => event.type,
		);
		expect(types).toEqual(['payout.failed', 'payout.updated']);
	});
});
