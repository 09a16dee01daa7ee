import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox } from './helpers';

describe('lists', () => {
	let sandbox: StripeSandbox;
	let account: string;
	let payoutIds: string[];
	beforeAll(async () => {
		sandbox = await startSandbox({ now: 1_700_000_000 });
		account = sandbox.state.createConnectedAccount().id;
		payoutIds = Array.from(
			{ length: 25 },
			(_, index) =>
				sandbox.state.createManualPayout({
					account,
					amount: 100 + index,
					currency: 'usd',
					created: 1_700_000_000 - 1000 + index * 10,
				}).id,
		).reverse();
	});
	afterAll(() => sandbox.close());

	const list = (query: string) =>
		callSandbox(sandbox, 'GET', `/v1/payouts${query}`, { headers: { 'Stripe-Account': account } });

	it('returns the newest 10 by default with has_more and url', async () => {
		const page = await list('');
		expect(page.body).toMatchObject({ object: 'list', has_more: true, url: '/v1/payouts' });
		expect(page.body.data.map((payout) => payout.id)).toEqual(payoutIds.slice(0, 10));
	});

	it('walks every page with starting_after', async () => {
		const seen: string[] = [];
		let cursor = '';
		for (;;) {
			const page = await list(`?limit=7${cursor ? `&starting_after=${cursor}` : ''}`);
			seen.push(...page.body.data.map((payout) => payout.id));
			if (!page.body.has_more) break;
			cursor = seen.at(-1) as string;
		}
		expect(seen).toEqual(payoutIds);
	});

	it('pages backwards with ending_before', async () => {
		const page = await list(`?limit=3&ending_before=${payoutIds[10]}`);
		expect(page.body.data.map((payout) => payout.id)).toEqual(payoutIds.slice(7, 10));
		expect(page.body.has_more).toBe(true);
		const first = await list(`?limit=5&ending_before=${payoutIds[3]}`);
		expect(first.body.data.map((payout) => payout.id)).toEqual(payoutIds.slice(0, 3));
		expect(first.body.has_more).toBe(false);
	});

	it('refuses limits outside 1–100', async () => {
		expect((await list('?limit=0')).status).toBe(400);
		expect((await list('?limit=101')).body.error.param).toBe('limit');
		expect((await list('?limit=100')).body.data).toHaveLength(25);
	});

	it('filters by created range', async () => {
		const page = await list(
			`?limit=100&created[gte]=${1_700_000_000 - 1000 + 200}&created[lt]=${1_700_000_000 - 1000 + 240}`,
		);
		expect(page.body.data.map((payout) => payout.amount)).toEqual([123, 122, 121, 120]);
	});

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

	it('answers an unknown cursor with resource_missing', async () => {
		const response = await list('?starting_after=po_nope');
		expect(response.status).toBe(400);
		expect(response.body.error).toMatchObject({
			code: 'resource_missing',
			param: 'starting_after',
		});
	});
});
