import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, createPayoutSeries } from './helpers';

describe('list filters', () => {
	let sandbox: StripeSandbox;
	let account: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ now: 1_700_000_000 });
		account = sandbox.state.createConnectedAccount().id;
		createPayoutSeries(sandbox, account, 25, 1_700_000_000 - 1000);
	});
	afterAll(() => sandbox.close());

	const list = (query: string) =>
		callSandbox(sandbox, 'GET', `/v1/payouts${query}`, { headers: { 'Stripe-Account': account } });

	it('filters by created range', async () => {
		const page = await list(
			`?limit=100&created[gte]=${1_700_000_000 - 1000 + 200}&created[lt]=${1_700_000_000 - 1000 + 240}`,
		);
		expect(page.body.data.map((payout) => payout.amount)).toEqual([123, 122, 121, 120]);
	});
});
