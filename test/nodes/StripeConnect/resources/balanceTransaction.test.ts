import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let account: string;

useSandbox(async (started) => {
	sandbox = started;
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ account, currency: 'usd', amount: 500_00 });
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
