import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, createPayoutSeries } from './helpers';

describe('expand', () => {
	let sandbox: StripeSandbox;
	let account: string;
	let payoutIds: string[];
	beforeAll(async () => {
		sandbox = await startSandbox({ now: 1_700_000_000 });
		account = sandbox.state.createConnectedAccount().id;
		payoutIds = createPayoutSeries(sandbox, account, 25, 1_700_000_000 - 1000);
	});
	afterAll(() => sandbox.close());

	const list = (query: string) =>
		callSandbox(sandbox, 'GET', `/v1/payouts${query}`, { headers: { 'Stripe-Account': account } });

	it('expands fields of list items with data.x', async () => {
		const page = await list('?limit=2&expand[]=data.balance_transaction');
		expect(page.body.data[0].balance_transaction).toMatchObject({
			object: 'balance_transaction',
			type: 'payout',
			amount: -124,
		});
	});

	it('expands a single object and refuses a field that is not expandable', async () => {
		const one = await callSandbox(
			sandbox,
			'GET',
			`/v1/payouts/${payoutIds[0]}?expand[]=balance_transaction`,
			{ headers: { 'Stripe-Account': account } },
		);
		expect(one.body.balance_transaction).toMatchObject({ id: expect.stringMatching(/^txn_/) });
		const bad = await callSandbox(sandbox, 'GET', `/v1/payouts/${payoutIds[0]}?expand[]=amount`, {
			headers: { 'Stripe-Account': account },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toBe('This property cannot be expanded (amount).');
	});
});
