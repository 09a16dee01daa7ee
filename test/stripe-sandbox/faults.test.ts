import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { RateLimiter } from '../../stripe-sandbox/faults';
import { callSandbox, sandboxStripe, useMarketplace } from './helpers';

describe('faults, latency and rate limit', () => {
	let sandbox: StripeSandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	it('answers injected 429s with and without Stripe-Should-Retry, then recovers', async () => {
		sandbox.injectFaults({ status: 429, times: 1, shouldRetry: true });
		sandbox.injectFaults({ status: 429, times: 1 });
		const first = await callSandbox(sandbox, 'GET', '/v1/balance');
		expect(first.status).toBe(429);
		expect(first.body.error).toMatchObject({ type: 'invalid_request_error', code: 'rate_limit' });
		expect(first.headers.get('stripe-should-retry')).toBe('true');
		const second = await callSandbox(sandbox, 'GET', '/v1/balance');
		expect(second.status).toBe(429);
		expect(second.headers.get('stripe-should-retry')).toBeNull();
		expect((await callSandbox(sandbox, 'GET', '/v1/balance')).status).toBe(200);
	});

	it('only fails requests that match method and path', async () => {
		sandbox.injectFaults({
			status: 503,
			times: 2,
			match: { method: 'GET', path: /^\/v1\/payouts/ },
		});
		expect((await callSandbox(sandbox, 'GET', '/v1/balance')).status).toBe(200);
		const failed = await callSandbox(sandbox, 'GET', '/v1/payouts');
		expect(failed.status).toBe(503);
		expect(failed.body.error).toEqual({ type: 'api_error', message: 'An unknown error occurred' });
		expect((await callSandbox(sandbox, 'GET', '/v1/payouts')).status).toBe(503);
		expect((await callSandbox(sandbox, 'GET', '/v1/payouts')).status).toBe(200);
	});

	it('answers 409 with a lock error', async () => {
		sandbox.injectFaults({ status: 409 });
		const response = await callSandbox(sandbox, 'GET', '/v1/balance');
		expect(response.status).toBe(409);
		expect(response.body.error.code).toBe('lock_timeout');
	});

	it('keeps the effects of a request failed after execution and replays the 500 for its key', async () => {
		const destination = sandbox.state.createConnectedAccount().id;
		sandbox.state.fundBalance({ currency: 'usd', amount: 1_000 });
		sandbox.injectFaults({ status: 500, afterExecution: true, match: { path: '/v1/transfers' } });
		const body = `amount=300&currency=usd&destination=${destination}`;
		const first = await callSandbox(sandbox, 'POST', '/v1/transfers', {
			body,
			headers: { 'Idempotency-Key': 'after' },
		});
		expect(first.status).toBe(500);
		expect(sandbox.state.listObjects('transfer')).toHaveLength(1);
		const retry = await callSandbox(sandbox, 'POST', '/v1/transfers', {
			body,
			headers: { 'Idempotency-Key': 'after' },
		});
		expect(retry.status).toBe(500);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(sandbox.state.listObjects('transfer')).toHaveLength(1);
	});

	it('lets the stripe SDK retry a 500 that carries Stripe-Should-Retry: true', async () => {
		sandbox.injectFaults({ status: 500, shouldRetry: true, match: { path: '/v1/balance' } });
		const balance = await sandboxStripe(sandbox, 2).balance.retrieve();
		expect(balance.object).toBe('balance');
		expect(sandbox.requests({ path: '/v1/balance' }).map((request) => request.status)).toEqual([
			500, 200,
		]);
	});

	it('answers 429 like Stripe once the rate limit is used up, across accounts', async () => {
		const account = sandbox.state.createConnectedAccount().id;
		// 0.1 request/s: one request passes, the next token comes ten seconds later.
		sandbox.setRateLimit(0.1);
		expect((await callSandbox(sandbox, 'GET', '/v1/balance')).status).toBe(200);
		const limited = await callSandbox(sandbox, 'GET', '/v1/balance', {
			headers: { 'Stripe-Account': account },
		});
		expect(limited.status).toBe(429);
		expect(limited.body.error).toMatchObject({ type: 'invalid_request_error', code: 'rate_limit' });
		expect(limited.headers.get('stripe-rate-limited-reason')).toBe('global-rate');
		expect(limited.headers.get('stripe-should-retry')).toBeNull();
		expect(sandbox.requests().map((request) => request.status)).toEqual([200, 429]);
		sandbox.setRateLimit(undefined);
		expect((await callSandbox(sandbox, 'GET', '/v1/balance')).status).toBe(200);
	});

	it('refills the token bucket continuously up to one second of requests', () => {
		let nowMs = 0;
		const limiter = new RateLimiter(4, () => nowMs);
		expect([1, 2, 3, 4, 5].map(() => limiter.tryTake())).toEqual([true, true, true, true, false]);
		nowMs = 250;
		expect([limiter.tryTake(), limiter.tryTake()]).toEqual([true, false]);
		nowMs = 10_000;
		expect([1, 2, 3, 4, 5].map(() => limiter.tryTake())).toEqual([true, true, true, true, false]);
	});

	it('applies the rate limit given at start', async () => {
		const limited = await startSandbox({ rateLimitPerSecond: 0.1 });
		try {
			expect((await callSandbox(limited, 'GET', '/v1/balance')).status).toBe(200);
			expect((await callSandbox(limited, 'GET', '/v1/balance')).status).toBe(429);
		} finally {
			await limited.close();
		}
	});
});

describe('the stripe SDK meets injected faults', () => {
	let sandbox: StripeSandbox;
	let seller: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 1_000_000 },
		(started) => ({ sandbox, seller } = started),
	);

	it('retries a lock error (409) and then succeeds', async () => {
		sandbox.injectFaults({ status: 409, match: { path: '/v1/transfers' } });
		const transfer = await sandboxStripe(sandbox, 1).transfers.create({
			amount: 300,
			currency: 'usd',
			destination: seller.id,
		});
		expect(transfer.amount).toBe(300);
		expect(sandbox.requests({ path: '/v1/transfers' }).map((request) => request.status)).toEqual([
			409, 200,
		]);
	});

	it('does not retry a plain 429', async () => {
		sandbox.injectFaults({ status: 429, match: { path: '/v1/balance' } });
		await expect(sandboxStripe(sandbox, 2).balance.retrieve()).rejects.toMatchObject({
			type: 'StripeRateLimitError',
		});
		expect(sandbox.requests({ path: '/v1/balance' })).toHaveLength(1);
	});
});
