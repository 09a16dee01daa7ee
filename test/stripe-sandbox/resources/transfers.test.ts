import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { validateStripeObject } from '../../../stripe-sandbox/validation/validateObject';
import { availableIn, callSandbox, useMarketplace } from '../helpers';

describe('transfers', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let account: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 10_000 },
		(started) => ({ sandbox, stripe, seller: account } = started),
	);

	const available = (stripeAccount?: string) => availableIn(stripe, 'usd', stripeAccount);

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

	it('pays a transfer into a destination payment on the connected account', async () => {
		const transfer = await stripe.transfers.create({
			amount: 1_200,
			currency: 'usd',
			destination: account.id,
		});
		const payment = await stripe.charges.retrieve(
			transfer.destination_payment as string,
			{},
			{ stripeAccount: account.id },
		);
		expect(payment).toMatchObject({
			object: 'charge',
			amount: 1_200,
			amount_captured: 1_200,
			captured: true,
			paid: true,
			status: 'succeeded',
			source_transfer: transfer.id,
			payment_method_details: { type: 'stripe_account', stripe_account: {} },
			outcome: null,
			payment_intent: null,
		});
		expect(payment.id).toMatch(/^py_/);
		expect(payment.application).toMatch(/^ca_/);
		expect(validateStripeObject(payment, 'charge')).toEqual([]);
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
