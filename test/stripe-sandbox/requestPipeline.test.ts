import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, useMarketplace } from './helpers';

describe('request log', () => {
	let sandbox: StripeSandbox;
	let account: string;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: 1_700_000_000 });
		account = sandbox.state.createConnectedAccount().id;
	});
	afterEach(() => sandbox.close());

	async function send(method: string, path: string, body?: string) {
		const response = await fetch(`${sandbox.url}${path}`, {
			method,
			headers: {
				Authorization: `Bearer ${sandbox.secretKey}`,
				'Stripe-Account': account,
				...(body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
			},
			body,
		});
		return { status: response.status, text: await response.text() };
	}

	it('records the response body exactly as it was sent', async () => {
		const payout = sandbox.state.createManualPayout({ account, amount: 1_250, currency: 'eur' });
		const sent = await send('GET', `/v1/payouts/${payout.id}`);
		const [recorded] = sandbox.requests({ path: `/v1/payouts/${payout.id}` });
		expect(recorded.status).toBe(200);
		expect(recorded.responseBody).toEqual(JSON.parse(sent.text));
		expect(recorded.responseBody).toMatchObject({ id: payout.id, amount: 1_250, metadata: {} });
	});

	it('keeps a recorded body as it was when the object changes later', async () => {
		const payout = sandbox.state.createManualPayout({ account, amount: 900, currency: 'usd' });
		await send('GET', `/v1/payouts/${payout.id}`);
		const updated = await send('POST', `/v1/payouts/${payout.id}`, 'metadata[batch]=7');
		expect(JSON.parse(updated.text)).toMatchObject({ metadata: { batch: '7' } });
		const [read, update] = sandbox.requests({ path: `/v1/payouts/${payout.id}` });
		expect(read.responseBody).toMatchObject({ metadata: {} });
		expect(update.responseBody).toMatchObject({ metadata: { batch: '7' } });
	});

	it('records a list page as sent, and an error body for a rejected request', async () => {
		for (let index = 0; index < 3; index++) {
			sandbox.state.fundBalance({ account, currency: 'usd', amount: 100 + index });
		}
		const page = await send('GET', '/v1/balance_transactions?limit=2');
		const missing = await send('GET', '/v1/balance_transactions?starting_after=txn_nope');
		const [pageRequest, missingRequest] = sandbox.requests({ path: '/v1/balance_transactions' });
		expect(pageRequest.responseBody).toEqual(JSON.parse(page.text));
		expect(pageRequest.responseBody).toMatchObject({ object: 'list', has_more: true });
		expect(missing.status).toBe(400);
		expect(missingRequest).toMatchObject({
			status: 400,
			responseBody: { error: { code: 'resource_missing', param: 'starting_after' } },
		});
	});

	it('lets a test read and change a recorded body like a plain object', async () => {
		await send('GET', '/v1/balance');
		const [request] = sandbox.requests({ path: '/v1/balance' });
		const body = request.responseBody as { object: string; note?: string };
		expect(body.object).toBe('balance');
		body.note = 'read by a test';
		expect(sandbox.requests({ path: '/v1/balance' })[0].responseBody).toBe(body);
		expect({ ...request }.responseBody).toBe(body);
		expect(JSON.parse(JSON.stringify(request))).toMatchObject({
			responseBody: { object: 'balance', note: 'read by a test' },
		});
	});
});

describe('requests as the stripe SDK sends them', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 1_000_000 },
		(started) => ({ sandbox, stripe, seller } = started),
	);

	it('sends what the sandbox records: method, path, headers and the exact form body', async () => {
		await stripe.transfers.create(
			{
				amount: 250,
				currency: 'usd',
				destination: seller.id,
				metadata: { week: '2025-W46', note: 'a b&c' },
			},
			{ idempotencyKey: 'tips-2025-W46-seller' },
		);
		const [request] = sandbox.requests({ method: 'POST', path: '/v1/transfers' });
		expect(request.rawBody).toBe(
			`amount=250&currency=usd&destination=${seller.id}&metadata[week]=2025-W46&metadata[note]=a%20b%26c`,
		);
		expect(request.body).toEqual({
			amount: '250',
			currency: 'usd',
			destination: seller.id,
			metadata: { week: '2025-W46', note: 'a b&c' },
		});
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.headers['stripe-version']).toBe('2026-10-28.endive');
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(request.idempotencyKey).toBe('tips-2025-W46-seller');
		expect(request.status).toBe(200);
		expect(request.requestId).toMatch(/^req_/);
	});

	it('delays responses by the configured latency', async () => {
		sandbox.setLatency(150);
		const started = process.hrtime.bigint();
		await callSandbox(sandbox, 'GET', '/v1/balance');
		const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
		// A lower bound only: latency must be at least what was asked; speed itself is never asserted.
		expect(elapsedMs).toBeGreaterThanOrEqual(140);
	});
});
