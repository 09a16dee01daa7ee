import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, createPayoutSeries, useMarketplace } from './helpers';

describe('lists', () => {
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

	it('answers an unknown cursor with resource_missing', async () => {
		const response = await list('?starting_after=po_nope');
		expect(response.status).toBe(400);
		expect(response.body.error).toMatchObject({
			code: 'resource_missing',
			param: 'starting_after',
		});
	});
});

describe('list order and cursors', () => {
	let sandbox: StripeSandbox;
	let account: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ now: 1_700_000_000 });
		account = sandbox.state.createConnectedAccount().id;
	});
	afterAll(() => sandbox.close());

	const listTransactions = (query: string) =>
		callSandbox(sandbox, 'GET', `/v1/balance_transactions${query}`, {
			headers: { 'Stripe-Account': account },
		});
	const ids = (page: { body: { data: Array<{ id: string }> } }) =>
		page.body.data.map((object) => object.id);

	/** Follows `starting_after` from the first page to the last and returns every id in order. */
	async function walkForwards(query: string, limit: number): Promise<string[]> {
		const seen: string[] = [];
		for (;;) {
			const cursor = seen.length > 0 ? `&starting_after=${seen.at(-1)}` : '';
			const page = await listTransactions(`?limit=${limit}${query}${cursor}`);
			expect(page.status).toBe(200);
			seen.push(...ids(page));
			if (!page.body.has_more) return seen;
		}
	}

	it('lists objects created in the same second newest-filed first and pages them without gaps', async () => {
		const filed = Array.from(
			{ length: 12 },
			(_, index) => sandbox.state.fundBalance({ account, currency: 'usd', amount: 100 + index }).id,
		);
		const newestFirst = [...filed].reverse();
		expect(
			new Set(sandbox.state.listObjects('balance_transaction', account).map((t) => t.created)),
		).toEqual(new Set([1_700_000_000]));
		expect(await walkForwards('', 5)).toEqual(newestFirst);
		const before = await listTransactions(`?limit=4&ending_before=${newestFirst[6]}`);
		expect(ids(before)).toEqual(newestFirst.slice(2, 6));
		expect(before.body.has_more).toBe(true);
		const atStart = await listTransactions(`?limit=4&ending_before=${newestFirst[2]}`);
		expect(ids(atStart)).toEqual(newestFirst.slice(0, 2));
		expect(atStart.body.has_more).toBe(false);
	});

	it('answers has_more false when the last page ends exactly at the limit', async () => {
		const all = await listTransactions('?limit=100');
		const count = all.body.data.length;
		const lastFull = await listTransactions(`?limit=4&starting_after=${ids(all)[count - 5]}`);
		expect(ids(lastFull)).toEqual(ids(all).slice(count - 4));
		expect(lastFull.body.has_more).toBe(false);
		const pastTheEnd = await listTransactions(`?limit=4&starting_after=${ids(all)[count - 1]}`);
		expect(pastTheEnd.body).toMatchObject({ data: [], has_more: false });
	});

	it('pages a filtered list by its matches only, forwards and backwards', async () => {
		const euroIds = Array.from({ length: 7 }, (_, index) => {
			sandbox.state.fundBalance({ account, currency: 'usd', amount: 500 + index });
			return sandbox.state.fundBalance({ account, currency: 'eur', amount: 700 + index }).id;
		}).reverse();
		expect(await walkForwards('&currency=eur', 3)).toEqual(euroIds);
		const before = await listTransactions(`?limit=2&currency=eur&ending_before=${euroIds[4]}`);
		expect(ids(before)).toEqual(euroIds.slice(2, 4));
		expect(before.body.has_more).toBe(true);
		const usdIds = (await walkForwards('&currency=usd', 100)).slice(0, 7);
		expect(usdIds.some((id) => euroIds.includes(id))).toBe(false);
	});

	it('refuses a cursor that names an object outside the filtered list', async () => {
		const [newestUsd] = ids(await listTransactions('?limit=1&currency=usd'));
		for (const cursor of ['starting_after', 'ending_before']) {
			const response = await listTransactions(`?currency=eur&${cursor}=${newestUsd}`);
			expect(response.status).toBe(400);
			expect(response.body.error).toMatchObject({ code: 'resource_missing', param: cursor });
		}
	});

	it('files an object with an earlier created time among the older ones, not at the top', async () => {
		const other = sandbox.state.createConnectedAccount().id;
		const at = (created: number) =>
			sandbox.state.createManualPayout({ account: other, amount: 100, currency: 'usd', created })
				.id;
		const middle = at(1_700_000_000 - 50);
		const newest = at(1_700_000_000 - 10);
		const oldest = at(1_700_000_000 - 90);
		const tiedWithMiddle = at(1_700_000_000 - 50);
		const expected = [newest, tiedWithMiddle, middle, oldest];
		const payouts = (query: string) =>
			callSandbox(sandbox, 'GET', `/v1/payouts${query}`, { headers: { 'Stripe-Account': other } });
		expect(ids(await payouts('?limit=10'))).toEqual(expected);
		expect(ids(await payouts(`?limit=2&starting_after=${tiedWithMiddle}`))).toEqual([
			middle,
			oldest,
		]);
		expect(ids(await payouts(`?limit=2&ending_before=${oldest}`))).toEqual([
			tiedWithMiddle,
			middle,
		]);
		expect(sandbox.state.listObjects('payout', other).map((payout) => payout.id)).toEqual(expected);
	});

	it('drops a deleted object from the list and from the cursors', async () => {
		const created = await Promise.all(
			['https://example.com/a', 'https://example.com/b', 'https://example.com/c'].map((url) =>
				callSandbox(sandbox, 'POST', '/v1/webhook_endpoints', {
					body: `url=${encodeURIComponent(url)}&enabled_events[]=*`,
				}),
			),
		);
		const endpointIds = created.map((response) => response.body.id as string);
		expect(
			(await callSandbox(sandbox, 'DELETE', `/v1/webhook_endpoints/${endpointIds[1]}`)).status,
		).toBe(200);
		const listed = await callSandbox(sandbox, 'GET', '/v1/webhook_endpoints?limit=10');
		expect(ids(listed)).toEqual([endpointIds[2], endpointIds[0]]);
		const afterDeleted = await callSandbox(
			sandbox,
			'GET',
			`/v1/webhook_endpoints?starting_after=${endpointIds[1]}`,
		);
		expect(afterDeleted.body.error).toMatchObject({
			code: 'resource_missing',
			param: 'starting_after',
		});
		const afterNewest = await callSandbox(
			sandbox,
			'GET',
			`/v1/webhook_endpoints?starting_after=${endpointIds[2]}`,
		);
		expect(ids(afterNewest)).toEqual([endpointIds[0]]);
	});
});

describe('auto-pagination with the stripe SDK', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 1_000_000 },
		(started) => ({ sandbox, stripe, seller } = started),
	);

	it('auto-paginates a list across many pages in order', async () => {
		const created: string[] = [];
		for (let index = 0; index < 230; index++) {
			created.push(
				(
					await stripe.transfers.create({
						amount: 1 + index,
						currency: 'usd',
						destination: seller.id,
						transfer_group: 'bulk',
					})
				).id,
			);
		}
		const all = await stripe.transfers
			.list({ transfer_group: 'bulk', limit: 100 })
			.autoPagingToArray({ limit: 1000 });
		expect(all.map((transfer) => transfer.id)).toEqual(created.reverse());
		const listCalls = sandbox.requests({ method: 'GET', path: '/v1/transfers' });
		expect(listCalls.map((request) => request.query.starting_after === undefined)).toEqual([
			true,
			false,
			false,
		]);
	});

	it('auto-paginates a connected account’s balance transactions with for await', async () => {
		const payout = sandbox.state.createAutomaticPayout({
			account: seller.id,
			currency: 'usd',
			transactions: Array.from({ length: 25 }, (_, index) => ({
				type: 'payment',
				amount: 100 + index,
				fee: 10,
			})),
		});
		const types: string[] = [];
		for await (const transaction of stripe.balanceTransactions.list(
			{ payout: payout.id, limit: 10 },
			{ stripeAccount: seller.id },
		)) {
			types.push(transaction.type);
		}
		expect(types).toHaveLength(26);
		expect(
			sandbox
				.requests({ path: '/v1/balance_transactions' })
				.every((request) => request.stripeAccount === seller.id),
		).toBe(true);
	});
});
