import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

import { classifyStripeError, RequestBudget } from '../../../functions/shared/requestBudget';

/** The error the SDK raises for an answer with this status and these (lowercased) headers. */
function stripeError(statusCode: number, headers: Record<string, string> = {}) {
	const raw = { message: `status ${statusCode}`, statusCode, headers };
	if (statusCode === 429) return new Stripe.errors.StripeRateLimitError(raw);
	if (statusCode >= 500) return new Stripe.errors.StripeAPIError(raw);
	return new Stripe.errors.StripeInvalidRequestError(raw);
}

/** A clock that only moves when the budget sleeps, so pacing is observable without waiting. */
function virtualTime() {
	let now = 0;
	const sleeps: number[] = [];
	return {
		now: () => now,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			now += ms;
		},
		sleeps,
	};
}

describe('classifyStripeError', () => {
	it('follows Stripe: slow down on 429, retry 5xx, 409 and lost connections, honour Stripe-Should-Retry', () => {
		expect(classifyStripeError(stripeError(429))).toBe('slowDown');
		// The repository's one retry policy: Stripe-Should-Retry wins when present, also on a 429.
		expect(classifyStripeError(stripeError(429, { 'stripe-should-retry': 'false' }))).toBe('fail');
		expect(classifyStripeError(stripeError(500))).toBe('retry');
		expect(classifyStripeError(stripeError(503))).toBe('retry');
		expect(classifyStripeError(stripeError(409))).toBe('retry');
		expect(classifyStripeError(stripeError(500, { 'stripe-should-retry': 'false' }))).toBe('fail');
		expect(classifyStripeError(stripeError(400, { 'stripe-should-retry': 'true' }))).toBe('retry');
		expect(
			classifyStripeError(new Stripe.errors.StripeConnectionError({ message: 'ECONNRESET' })),
		).toBe('retry');
		expect(classifyStripeError(stripeError(400))).toBe('fail');
		expect(classifyStripeError(stripeError(402))).toBe('fail');
		expect(classifyStripeError(new Error('bug'))).toBe('fail');
		// Fields alone do not make a Stripe error: only the SDK's classes are recognised.
		expect(classifyStripeError(Object.assign(new Error('lookalike'), { statusCode: 503 }))).toBe(
			'fail',
		);
	});
});

describe('RequestBudget', () => {
	it('spaces calls evenly at the configured rate', async () => {
		const time = virtualTime();
		const budget = new RequestBudget({
			requestsPerSecond: 10,
			maxConcurrency: 1,
			maxAttempts: 1,
			...time,
		});
		const startedAt: number[] = [];
		for (let index = 0; index < 4; index++) {
			await budget.call('test', async () => startedAt.push(time.now()));
		}
		expect(startedAt).toEqual([0, 100, 200, 300]);
		expect(budget.stats().apiCalls).toBe(4);
	});

	it('never runs more calls at once than its concurrency', async () => {
		const budget = new RequestBudget({
			requestsPerSecond: 10_000,
			maxConcurrency: 3,
			maxAttempts: 1,
		});
		let running = 0;
		let peak = 0;
		await Promise.all(
			Array.from({ length: 20 }, () =>
				budget.call('test', async () => {
					running++;
					peak = Math.max(peak, running);
					await new Promise((resolve) => setTimeout(resolve, 2));
					running--;
				}),
			),
		);
		expect(peak).toBe(3);
		expect(budget.stats().apiCalls).toBe(20);
	});

	it('halves its rate on 429, retries with backoff and jitter, and recovers on success', async () => {
		const time = virtualTime();
		const retries: Array<{
			attempt: number;
			delayMs: number;
			statusCode: number | undefined;
			rateLimitedReason: string | undefined;
		}> = [];
		const budget = new RequestBudget({
			requestsPerSecond: 40,
			maxConcurrency: 1,
			maxAttempts: 5,
			baseDelayMs: 100,
			random: () => 0.5,
			onRetry: (info) => retries.push(info),
			...time,
		});
		const failures = [
			stripeError(429, { 'stripe-rate-limited-reason': 'global-rate' }),
			stripeError(429),
		];
		const result = await budget.call('test', async () => {
			const failure = failures.shift();
			if (failure) throw failure;
			return 'ok';
		});
		expect(result).toBe('ok');
		expect(
			retries.map(({ attempt, delayMs, statusCode, rateLimitedReason }) => ({
				attempt,
				delayMs,
				statusCode,
				rateLimitedReason,
			})),
		).toEqual([
			{ attempt: 1, delayMs: 75, statusCode: 429, rateLimitedReason: 'global-rate' },
			{ attempt: 2, delayMs: 150, statusCode: 429, rateLimitedReason: undefined },
		]);
		// 40 → 20 → 10 after two 429s, then one success adds 2 back.
		expect(budget.stats()).toEqual({
			apiCalls: 3,
			retries: 2,
			rateLimited: 2,
			serverErrors: 0,
			currentRequestsPerSecond: 12,
		});
	});

	it('gives up after its attempts and throws the last error', async () => {
		const budget = new RequestBudget({
			requestsPerSecond: 1000,
			maxConcurrency: 2,
			maxAttempts: 3,
			baseDelayMs: 1,
		});
		let calls = 0;
		const failure = await budget
			.call('test', async () => {
				calls++;
				throw stripeError(502);
			})
			.catch((error: unknown) => error);
		expect((failure as { statusCode: number }).statusCode).toBe(502);
		expect(calls).toBe(3);
		expect(budget.stats()).toMatchObject({ apiCalls: 3, retries: 2, serverErrors: 3 });
	});

	it('does not retry what Stripe refused for good', async () => {
		const budget = new RequestBudget({
			requestsPerSecond: 1000,
			maxConcurrency: 2,
			maxAttempts: 5,
			baseDelayMs: 1,
		});
		let calls = 0;
		await expect(
			budget.call('test', async () => {
				calls++;
				throw stripeError(400);
			}),
		).rejects.toThrow('status 400');
		expect(calls).toBe(1);
	});

	it('frees its slot while a failed call waits to retry', async () => {
		const budget = new RequestBudget({
			requestsPerSecond: 10_000,
			maxConcurrency: 1,
			maxAttempts: 2,
			baseDelayMs: 30,
			random: () => 1,
		});
		const order: string[] = [];
		let failedOnce = false;
		await Promise.all([
			budget.call('slow', async () => {
				if (!failedOnce) {
					failedOnce = true;
					order.push('slow failed');
					throw stripeError(500);
				}
				order.push('slow retried');
			}),
			budget.call('fast', async () => {
				order.push('fast');
			}),
		]);
		expect(order).toEqual(['slow failed', 'fast', 'slow retried']);
	});

	it('refuses nonsensical settings', () => {
		expect(
			() => new RequestBudget({ requestsPerSecond: 0, maxConcurrency: 1, maxAttempts: 1 }),
		).toThrow(RangeError);
		expect(
			() => new RequestBudget({ requestsPerSecond: 1, maxConcurrency: 0, maxAttempts: 1 }),
		).toThrow(RangeError);
	});
});
