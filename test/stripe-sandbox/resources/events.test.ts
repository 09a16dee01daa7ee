import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { callSandbox, sandboxStripe } from '../helpers';

describe('events', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	beforeAll(async () => {
		sandbox = await startSandbox({ now: 1_750_000_000 });
		stripe = sandboxStripe(sandbox);
		seller = sandbox.state.createConnectedAccount();
		sandbox.state.fundBalance({ currency: 'usd', amount: 10_000 });
		await stripe.transfers.create(
			{ amount: 100, currency: 'usd', destination: seller.id },
			{ idempotencyKey: 'evt-key' },
		);
		await sandbox.advanceTime(100);
		const transfer = sandbox.state.listObjects('transfer')[0];
		await stripe.transfers.update(transfer.id, { metadata: { a: 'b' } });
		await stripe.transfers.createReversal(transfer.id, { amount: 10 });
	});
	afterAll(() => sandbox.close());

	it('records which request caused an event', async () => {
		const [created] = (await stripe.events.list({ type: 'transfer.created' })).data;
		const request = sandbox.requests({ method: 'POST', path: '/v1/transfers' })[0];
		expect(created.request).toEqual({ id: request.requestId, idempotency_key: 'evt-key' });
	});

	it('filters by type with wildcards, by types[] and by created', async () => {
		expect(
			(await stripe.events.list({ type: 'transfer.*' })).data.map((event) => event.type),
		).toEqual(['transfer.reversed', 'transfer.updated', 'transfer.created']);
		expect(
			(await stripe.events.list({ types: ['transfer.created', 'transfer.reversed'] })).data.map(
				(event) => event.type,
			),
		).toEqual(['transfer.reversed', 'transfer.created']);
		expect(
			(await stripe.events.list({ created: { gt: 1_750_000_000 } })).data.map(
				(event) => event.type,
			),
		).toEqual(['transfer.reversed', 'transfer.updated']);
	});

	it('keeps previous_attributes of updates', async () => {
		const [updated] = (await stripe.events.list({ type: 'transfer.updated' })).data;
		expect(updated.data.previous_attributes).toEqual({ metadata: {} });
		expect((updated.data.object as Stripe.Transfer).metadata).toEqual({ a: 'b' });
	});

	it('refuses type and types together and more than 20 types', async () => {
		expect((await callSandbox(sandbox, 'GET', '/v1/events?type=a&types[]=b')).status).toBe(400);
		const many = Array.from({ length: 21 }, (_, index) => `types[]=t${index}`).join('&');
		expect((await callSandbox(sandbox, 'GET', `/v1/events?${many}`)).body.error.param).toBe(
			'types',
		);
	});

	it('retrieves one event and answers resource_missing for an unknown one', async () => {
		const [event] = (await stripe.events.list({ limit: 1 })).data;
		expect((await stripe.events.retrieve(event.id)).id).toBe(event.id);
		await expect(stripe.events.retrieve('evt_nope')).rejects.toMatchObject({
			statusCode: 404,
			message: "No such event: 'evt_nope'",
		});
	});
});
