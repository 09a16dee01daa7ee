import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let account: string;

useSandbox(async (started) => {
	sandbox = started;
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ account, currency: 'usd', amount: 500_00 });
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
