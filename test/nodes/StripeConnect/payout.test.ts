import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from './helpers';

let sandbox: StripeSandbox;
let account: string;

useSandbox(async (started) => {
	sandbox = started;
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ account, currency: 'usd', amount: 500_00 });
});

describe('Payout', () => {
	it('pays out a connected account, converting a major-unit amount exactly', async () => {
		const [payout] = await runFixtureOk(sandbox, 'payout-create', [{ account, amount: 12.34 }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payouts',
			stripeAccount: account,
			rawBody:
				'amount=1234&currency=usd&method=standard&description=Weekly%20earnings&statement_descriptor=MAKER%20PAYOUT&metadata[week]=2026-47',
		});
		expect(payout).toMatchObject({
			object: 'payout',
			amount: 1234,
			currency: 'usd',
			method: 'standard',
		});
	});

	it('gets a payout of a connected account', async () => {
		const created = sandbox.state.createManualPayout({ account, amount: 700, currency: 'usd' });

		const [payout] = await runFixtureOk(sandbox, 'payout-get', [{ account, payout: created.id }]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/payouts/${created.id}`,
			stripeAccount: account,
		});
		expect(payout).toMatchObject({ id: created.id, amount: 700 });
	});

	it('lists paid payouts filtered by arrival date and creation date', async () => {
		const other = sandbox.state.createConnectedAccount({ country: 'US' }).id;
		const paid = sandbox.state.createManualPayout({ account: other, amount: 900, currency: 'usd' });
		sandbox.state.createManualPayout({
			account: other,
			amount: 901,
			currency: 'usd',
			status: 'pending',
		});
		const before = sandbox.now() + 10;

		const payouts = await runFixtureOk(sandbox, 'payout-get-many', [
			{ account: other, before: new Date(before * 1000).toISOString() },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/payouts',
			stripeAccount: other,
			rawQuery: `arrival_date[gte]=1767225600&created[lte]=${before}&status=paid&limit=100`,
		});
		expect(payouts.map((payout) => payout.id)).toEqual([paid.id]);
	});

	it('clears all metadata of a payout', async () => {
		const created = sandbox.state.createManualPayout({
			account,
			amount: 800,
			currency: 'usd',
			metadata: { a: '1', b: '2' },
		});

		const [payout] = await runFixtureOk(sandbox, 'payout-update', [
			{ account, payout: created.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payouts/${created.id}`,
			stripeAccount: account,
			rawBody: 'metadata=',
		});
		expect(payout.metadata).toEqual({});
	});

	it('cancels a pending payout', async () => {
		const created = sandbox.state.createManualPayout({
			account,
			amount: 600,
			currency: 'usd',
			status: 'pending',
		});

		const [payout] = await runFixtureOk(sandbox, 'payout-cancel', [
			{ account, payout: created.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payouts/${created.id}/cancel`,
			stripeAccount: account,
		});
		expect(payout).toMatchObject({ id: created.id, status: 'canceled' });
	});

	it('reverses a paid payout with metadata', async () => {
		const created = sandbox.state.createManualPayout({ account, amount: 500, currency: 'usd' });

		const [reversal] = await runFixtureOk(sandbox, 'payout-reverse', [
			{ account, payout: created.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payouts/${created.id}/reverse`,
			stripeAccount: account,
			rawBody: 'metadata[reason]=duplicate',
		});
		expect(reversal).toMatchObject({ object: 'payout', metadata: { reason: 'duplicate' } });
		expect(reversal.id).not.toBe(created.id);
	});
});

describe('Balance', () => {
	it("gets the platform's balance", async () => {
		sandbox.state.fundBalance({ currency: 'eur', amount: 42_00 });

		const [balance] = await runFixtureOk(sandbox, 'balance-get');

		expectSingleRequest(sandbox, { method: 'GET', path: '/v1/balance' });
		expect(balance.object).toBe('balance');
		expect(balance.available).toEqual(
			expect.arrayContaining([expect.objectContaining({ currency: 'eur', amount: 42_00 })]),
		);
	});

	it("gets a connected account's balance through the Stripe-Account header", async () => {
		const funded = sandbox.state.createConnectedAccount({ country: 'JP' }).id;
		sandbox.state.fundBalance({ account: funded, currency: 'jpy', amount: 5000 });

		const [balance] = await runFixtureOk(sandbox, 'balance-get-connected', [{ account: funded }]);

		expectSingleRequest(sandbox, { method: 'GET', path: '/v1/balance', stripeAccount: funded });
		expect(balance.available).toEqual([expect.objectContaining({ currency: 'jpy', amount: 5000 })]);
	});

	it("keeps working when the credential's allowed domains name other hosts: its own base URL is allowed", async () => {
		const result = await runFixture(sandbox, 'balance-get', [{}], {
			credential: { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com' },
		});

		expect(result.error).toBeUndefined();
		expectSingleRequest(sandbox, { method: 'GET', path: '/v1/balance' });
	});

	it.each([
		['an account', (account: string) => account],
		['a path from the platform', (account: string) => `${sandbox.platformAccountId}/${account}`],
	])(
		'acts in the context of %s through the Stripe-Context header, without Stripe-Account',
		async (_, contextOf) => {
			const account = sandbox.state.createConnectedAccount({ country: 'FR' }).id;
			sandbox.state.fundBalance({ account, currency: 'eur', amount: 7_00 });
			const context = contextOf(account);

			const [balance] = await runFixtureOk(sandbox, 'balance-get-context', [{ context }]);

			const request = expectSingleRequest(sandbox, { method: 'GET', path: '/v1/balance' });
			expect(request.headers['stripe-context']).toBe(context);
			expect(balance.available).toEqual([
				expect.objectContaining({ currency: 'eur', amount: 7_00 }),
			]);
		},
	);

	it.each([
		[
			'balance-get-account-and-context',
			{ account: 'acct_1', context: 'acct_2' },
			'Options → Connected Account and Options → Stripe Context: are both set',
		],
		[
			'balance-get-context',
			{ context: 'acct_1\r\nX-Evil: 1' },
			'Options → Stripe Context: "acct_1\r\nX-Evil: 1" is not a Stripe context',
		],
		['balance-get-context', { context: 'cus_1' }, 'is not a Stripe context'],
	])('%s refuses %j before anything is sent', async (fixture, input, message) => {
		const result = await runFixture(sandbox, fixture, [input]);
		expect(result.error?.message).toContain(message);
		expect(sandbox.requests()).toEqual([]);
	});
});

describe('Balance Transaction', () => {
	it('lists the charges a payout settled', async () => {
		const settled = sandbox.state.createConnectedAccount({ country: 'US' }).id;
		const payout = sandbox.state.createAutomaticPayout({
			account: settled,
			currency: 'usd',
			transactions: [
				{ type: 'charge', amount: 2000, fee: 88 },
				{ type: 'charge', amount: 1000, fee: 59 },
			],
		});

		const transactions = await runFixtureOk(sandbox, 'balance-transaction-get-many', [
			{ account: settled, payout: payout.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/balance_transactions',
			stripeAccount: settled,
			rawQuery: `currency=usd&payout=${payout.id}&type=charge&limit=100`,
		});
		expect(transactions.map((transaction) => transaction.amount).sort()).toEqual([1000, 2000]);
		expect(transactions.every((transaction) => transaction.type === 'charge')).toBe(true);
	});

	it('gets one balance transaction of a connected account', async () => {
		const [transaction] = sandbox.state.listObjects('balance_transaction', account);

		const [fetched] = await runFixtureOk(sandbox, 'balance-transaction-get', [
			{ account, transaction: transaction.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/balance_transactions/${transaction.id}`,
			stripeAccount: account,
		});
		expect(fetched.id).toBe(transaction.id);
	});
});
