import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, sandboxStripe, useMarketplace } from './helpers';

describe('idempotency keys', () => {
	let sandbox: StripeSandbox;
	let destination: string;
	beforeEach(async () => {
		sandbox = await startSandbox();
		destination = sandbox.state.createConnectedAccount().id;
		sandbox.state.fundBalance({ currency: 'usd', amount: 10_000 });
	});
	afterEach(() => sandbox.close());

	const transfer = (key: string, amount = 500, extraHeaders: Record<string, string> = {}) =>
		callSandbox(sandbox, 'POST', '/v1/transfers', {
			body: `amount=${amount}&currency=usd&destination=${destination}`,
			headers: { 'Idempotency-Key': key, ...extraHeaders },
		});

	it('replays the first result with Idempotent-Replayed and moves money once', async () => {
		const first = await transfer('k1');
		const second = await transfer('k1');
		expect(first.status).toBe(200);
		expect(second.status).toBe(200);
		expect(second.body).toEqual(first.body);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		expect(second.headers.get('request-id')).not.toBe(first.headers.get('request-id'));
		expect(sandbox.state.listObjects('transfer')).toHaveLength(1);
		const balance = await callSandbox(sandbox, 'GET', '/v1/balance');
		expect(balance.body.available).toEqual([
			{ amount: 9_500, currency: 'usd', source_types: { card: 9_500 } },
		]);
	});

	it('refuses the same key with other parameters', async () => {
		await transfer('k2', 500);
		const mismatch = await transfer('k2', 600);
		expect(mismatch.status).toBe(400);
		expect(mismatch.body.error.type).toBe('idempotency_error');
		expect(mismatch.body.error.message).toContain("Try using a key other than 'k2'");
		expect(sandbox.state.listObjects('transfer')).toHaveLength(1);
	});

	it('refuses keys longer than 255 characters before anything happens', async () => {
		const response = await transfer('k'.repeat(256));
		expect(response.status).toBe(400);
		expect(response.body.error.message).toContain('255');
		expect(sandbox.state.listObjects('transfer')).toHaveLength(0);
		expect((await transfer('k'.repeat(255))).status).toBe(200);
	});

	it('scopes keys per account, so the same key on another account runs anew', async () => {
		sandbox.state.fundBalance({ account: destination, currency: 'usd', amount: 1_000 });
		const platformPayout = await callSandbox(sandbox, 'POST', '/v1/payouts', {
			body: 'amount=100&currency=usd',
			headers: { 'Idempotency-Key': 'shared' },
		});
		expect(platformPayout.status).toBe(200);
		const connectedPayout = await callSandbox(sandbox, 'POST', '/v1/payouts', {
			body: 'amount=100&currency=usd',
			headers: { 'Idempotency-Key': 'shared', 'Stripe-Account': destination },
		});
		expect(connectedPayout.status).toBe(200);
		expect(connectedPayout.headers.get('idempotent-replayed')).toBeNull();
		expect(connectedPayout.body.id).not.toBe(platformPayout.body.id);
		expect(sandbox.state.listObjects('payout', destination)).toHaveLength(1);
		expect(sandbox.state.listObjects('payout')).toHaveLength(1);
	});

	it('stores errors raised while executing and replays them', async () => {
		const first = await transfer('k3', 50_000);
		expect(first.body.error.code).toBe('balance_insufficient');
		sandbox.state.fundBalance({ currency: 'usd', amount: 100_000 });
		const replay = await transfer('k3', 50_000);
		expect(replay.status).toBe(400);
		expect(replay.body).toEqual(first.body);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
	});

	it('does not store validation errors, so the key can be used after fixing the request', async () => {
		const invalid = await callSandbox(sandbox, 'POST', '/v1/transfers', {
			body: `amount=5&currency=usd&destination=${destination}&bogus=1`,
			headers: { 'Idempotency-Key': 'k4' },
		});
		expect(invalid.body.error.code).toBe('parameter_unknown');
		expect((await transfer('k4', 5)).status).toBe(200);
	});

	it('records the key on the request log', async () => {
		await transfer('k5');
		expect(sandbox.requests({ method: 'POST', path: '/v1/transfers' })[0].idempotencyKey).toBe(
			'k5',
		);
	});
});

describe('idempotency keys the stripe SDK sends', () => {
	let sandbox: StripeSandbox;
	let seller: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 1_000_000 },
		(started) => ({ sandbox, seller } = started),
	);

	it('never duplicates a transfer when the SDK retries a 500 that happened after execution', async () => {
		sandbox.injectFaults({
			status: 500,
			afterExecution: true,
			shouldRetry: true,
			match: { method: 'POST', path: '/v1/transfers' },
		});
		const retrying = sandboxStripe(sandbox, 2);
		await expect(
			retrying.transfers.create({ amount: 300, currency: 'usd', destination: seller.id }),
		).rejects.toMatchObject({ statusCode: 500 });
		const attempts = sandbox.requests({ method: 'POST', path: '/v1/transfers' });
		expect(attempts).toHaveLength(3);
		expect(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size).toBe(1);
		expect(sandbox.state.listObjects('transfer')).toHaveLength(1);
	});
});

describe('idempotency keys in API v2', () => {
	let sandbox: StripeSandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	const createAccount = (key: string, body: Record<string, unknown>) =>
		fetch(`${sandbox.url}/v2/core/accounts`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${sandbox.secretKey}`,
				'Content-Type': 'application/json',
				'Idempotency-Key': key,
			},
			body: JSON.stringify(body),
		}).then(async (response) => ({
			status: response.status,
			replayed: response.headers.get('idempotent-replayed'),
			body: (await response.json()) as { id?: string; error?: { type: string; code: string } },
		}));

	it('replays a success and refuses the key with other parameters with a 409', async () => {
		const first = await createAccount('v2-key', { display_name: 'One' });
		const again = await createAccount('v2-key', { display_name: 'One' });
		expect(again).toMatchObject({ status: 200, replayed: 'true', body: { id: first.body.id } });
		const other = await createAccount('v2-key', { display_name: 'Two' });
		expect(other.status).toBe(409);
		expect(other.body.error).toMatchObject({
			type: 'idempotency_error',
			code: 'idempotency_error',
		});
		expect(sandbox.state.listObjects('account')).toHaveLength(1);
	});

	it('keeps no failure for a key, so the request runs again (and may succeed once fixed)', async () => {
		const body = { configuration: { merchant: {} }, identity: { country: 'us' } };
		const failed = await createAccount('retry-key', body);
		expect(failed.body.error).toMatchObject({ code: 'invalid_fields' });
		const again = await createAccount('retry-key', body);
		expect(again).toMatchObject({ status: 400, replayed: null });
		const fixed = await createAccount('retry-key', { ...body, contact_email: 'a@b.test' });
		expect(fixed).toMatchObject({ status: 200, replayed: null, body: { id: expect.any(String) } });
		expect(sandbox.state.listObjects('account')).toHaveLength(1);
	});

	it('returns the completed result when a fault lost the first answer, never creating twice', async () => {
		sandbox.injectFaults({
			status: 500,
			afterExecution: true,
			match: { path: '/v2/core/accounts' },
		});
		const lost = await createAccount('lost-key', { display_name: 'Once' });
		expect(lost.status).toBe(500);
		expect(lost.body.error).toMatchObject({ type: 'api_error' });
		const retried = await createAccount('lost-key', { display_name: 'Once' });
		expect(retried).toMatchObject({ status: 200, replayed: 'true' });
		expect(sandbox.state.listObjects('account')).toHaveLength(1);
		expect(sandbox.state.listObjects('account')[0].id).toBe(retried.body.id);
	});
});
