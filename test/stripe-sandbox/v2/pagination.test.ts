import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { callSandbox } from '../helpers';

describe('v2 list pages', () => {
	let sandbox: StripeSandbox;
	let accountId: string;
	let personIds: string[];
	beforeAll(async () => {
		sandbox = await startSandbox({ now: 1_750_000_000 });
		accountId = sandbox.state.createV2Account({ display_name: 'Paged' }).id;
		personIds = [];
		for (let index = 0; index < 5; index++) {
			const created = await callSandbox(sandbox, 'POST', `/v2/core/accounts/${accountId}/persons`, {
				body: JSON.stringify({ given_name: `P${index}` }),
				headers: { 'Content-Type': 'application/json' },
			});
			personIds.unshift(created.body.id as string);
		}
	});
	afterAll(() => sandbox.close());

	const page = (query: string) =>
		callSandbox(sandbox, 'GET', `/v2/core/accounts/${accountId}/persons${query}`);

	it('walks forwards with next_page_url and back with previous_page_url, null at the ends', async () => {
		const first = await page('?limit=2');
		expect(first.body).toMatchObject({ previous_page_url: null });
		expect(first.body).not.toHaveProperty('has_more');
		expect(first.body.data.map((person) => person.id)).toEqual(personIds.slice(0, 2));
		const second = await callSandbox(sandbox, 'GET', first.body.next_page_url as string);
		const third = await callSandbox(sandbox, 'GET', second.body.next_page_url as string);
		expect(third.body.data.map((person) => person.id)).toEqual(personIds.slice(4));
		expect(third.body.next_page_url).toBeNull();
		const backToSecond = await callSandbox(sandbox, 'GET', third.body.previous_page_url as string);
		expect(backToSecond.body.data.map((person) => person.id)).toEqual(personIds.slice(2, 4));
		const backToFirst = await callSandbox(
			sandbox,
			'GET',
			backToSecond.body.previous_page_url as string,
		);
		expect(backToFirst.body.data.map((person) => person.id)).toEqual(personIds.slice(0, 2));
		expect(backToFirst.body.previous_page_url).toBeNull();
	});

	it('takes a new limit beside a page token and refuses a forged token or a bad limit', async () => {
		const first = await page('?limit=1');
		const wider = await callSandbox(sandbox, 'GET', `${first.body.next_page_url}&limit=3`);
		expect(wider.body.data.map((person) => person.id)).toEqual(personIds.slice(1, 4));
		const forged = await page('?page=not-a-token');
		expect(forged.status).toBe(400);
		expect(forged.body.error).toMatchObject({ code: 'invalid_page_token', param: 'page' });
		for (const limit of ['0', '101', 'ten']) {
			expect((await page(`?limit=${limit}`)).body.error).toMatchObject({ param: 'limit' });
		}
	});
});
