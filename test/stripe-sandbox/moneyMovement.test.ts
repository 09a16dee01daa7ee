import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, sandboxStripe } from './helpers';

describe('transfers, payouts and balances', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let account: Stripe.Account;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: 1_750_000_000 });
		stripe = sandboxStripe(sandbox);
		account = sandbox.state.createConnectedAccount({ country: 'US' }) as unknown as Stripe.Account;
		sandbox.state.fundBalance({ currency: 'usd', amount: 10_000 });
	});
	afterEach(() => sandbox.close());

	const available = async (stripeAccount?: string) =>
		(await stripe.balance.retrieve({}, stripeAccount ? { stripeAccount } : {})).available.find(
			(entry) => entry.currency === 'usd',
		)?.amount;

	it('moves a transfer from the platform to the connected account', async () => {
		const transfer = await stripe.transfers.create({
			amount: 2_500,
			currency: 'usd',
			destination: account.id,
			transfer_group: 'week-1',
			metadata: { tip: 'yes' },
		});
		expect(transfer).toMatchObject({
			object: 'transfer',
			amount: 2_500,
			amount_reversed: 0,
			destination: account.id,
			transfer_group: 'week-1',
			reversed: false,
			metadata: { tip: 'yes' },
		});
		expect(await available()).toBe(7_500);
		expect(await available(account.id)).toBe(2_500);
		const found = await stripe.transfers.list({
			transfer_group: 'week-1',
			destination: account.id,
		});
		expect(found.data.map((item) => item.id)).toEqual([transfer.id]);
		expect((await stripe.transfers.list({ transfer_group: 'other' })).data).toEqual([]);
	});

	it('refuses a transfer above the available balance before moving anything', async () => {
		await expect(
			stripe.transfers.create({ amount: 10_001, currency: 'usd', destination: account.id }),
		).rejects.toMatchObject({ code: 'balance_insufficient', statusCode: 400 });
		await expect(
			stripe.transfers.create({ amount: 1, currency: 'eur', destination: account.id }),
		).rejects.toMatchObject({ code: 'balance_insufficient' });
		expect(await available()).toBe(10_000);
		expect(sandbox.state.listObjects('transfer')).toEqual([]);
	});

	it('requires an amount even though the spec does not', async () => {
		const response = await callSandbox(sandbox, 'POST', '/v1/transfers', {
			body: `currency=usd&destination=${account.id}`,
		});
		expect(response.status).toBe(400);
		expect(response.body.error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
	});

	it('refuses a zero or negative transfer amount', async () => {
		const response = await callSandbox(sandbox, 'POST', '/v1/transfers', {
			body: `amount=-5&currency=usd&destination=${account.id}`,
		});
		expect(response.status).toBe(400);
		expect(response.body.error).toMatchObject({
			message: 'Invalid positive integer',
			param: 'amount',
		});
	});

	it('pays a transfer with source_transaction from that charge, pending like the charge', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 3_000,
			currency: 'usd',
			payment_method: 'pm_card_visa',
			confirm: true,
		});
		const charge = intent.latest_charge as string;
		const transfer = await stripe.transfers.create({
			amount: 2_000,
			currency: 'usd',
			destination: account.id,
			source_transaction: charge,
		});
		expect(transfer.source_transaction).toBe(charge);
		expect(await available()).toBe(10_000);
		const seller = await stripe.balance.retrieve({}, { stripeAccount: account.id });
		expect(seller.pending).toEqual([
			{ amount: 2_000, currency: 'usd', source_types: { card: 2_000 } },
		]);
		await expect(
			stripe.transfers.create({
				amount: 1_001,
				currency: 'usd',
				destination: account.id,
				source_transaction: charge,
			}),
		).rejects.toMatchObject({ code: 'balance_insufficient', param: 'amount' });
		await expect(
			stripe.transfers.create({
				amount: 1,
				currency: 'usd',
				destination: account.id,
				source_transaction: 'ch_missing',
			}),
		).rejects.toMatchObject({
			statusCode: 400,
			code: 'resource_missing',
			param: 'source_transaction',
		});
	});

	it('refuses a destination without an active transfers capability', async () => {
		const inactive = sandbox.state.createConnectedAccount({
			capabilities: { transfers: 'inactive' },
		});
		await expect(
			stripe.transfers.create({ amount: 1, currency: 'usd', destination: inactive.id }),
		).rejects.toMatchObject({
			code: 'insufficient_capabilities_for_transfer',
			param: 'destination',
		});
		await expect(
			stripe.transfers.create({ amount: 1, currency: 'usd', destination: 'acct_missing' }),
		).rejects.toMatchObject({
			code: 'resource_missing',
			message: "No such destination: 'acct_missing'",
		});
	});

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

	it('updates transfer metadata, removing keys set to empty', async () => {
		const transfer = await stripe.transfers.create({
			amount: 10,
			currency: 'usd',
			destination: account.id,
			metadata: { a: '1', b: '2' },
		});
		const updated = await stripe.transfers.update(transfer.id, { metadata: { a: '', c: '3' } });
		expect(updated.metadata).toEqual({ b: '2', c: '3' });
		const cleared = await callSandbox(sandbox, 'POST', `/v1/transfers/${transfer.id}`, {
			body: 'metadata=',
		});
		expect(cleared.body.metadata).toEqual({});
	});

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

	it('makes pending funds available when their date passes and emits balance.available', async () => {
		sandbox.state.fundBalance({
			account: account.id,
			currency: 'usd',
			amount: 700,
			pending: true,
			available_on: 1_750_000_000 + 3600,
		});
		const before = await stripe.balance.retrieve({}, { stripeAccount: account.id });
		expect(before.pending).toEqual([{ amount: 700, currency: 'usd', source_types: { card: 700 } }]);
		await sandbox.advanceTime(3600);
		expect(await available(account.id)).toBe(700);
		const events = await stripe.events.list({ type: 'balance.*' }, { stripeAccount: account.id });
		expect(events.data.map((event) => event.type)).toEqual(['balance.available']);
	});

	it('handles zero-decimal currencies in whole units', async () => {
		const japan = sandbox.state.createConnectedAccount({ country: 'JP' });
		expect(japan.default_currency).toBe('jpy');
		sandbox.state.fundBalance({ currency: 'jpy', amount: 5_000 });
		const transfer = await stripe.transfers.create({
			amount: 1_200,
			currency: 'jpy',
			destination: japan.id,
		});
		expect(transfer.amount).toBe(1_200);
		const balance = await stripe.balance.retrieve({}, { stripeAccount: japan.id });
		expect(balance.available).toEqual([
			{ amount: 1_200, currency: 'jpy', source_types: { card: 1_200 } },
		]);
	});
});
