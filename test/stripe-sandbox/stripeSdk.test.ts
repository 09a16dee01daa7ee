import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { sandboxStripe } from './helpers';

describe('the official stripe SDK against the sandbox', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: 1_750_000_000 });
		stripe = sandboxStripe(sandbox);
		seller = sandbox.state.createConnectedAccount();
		sandbox.state.fundBalance({ currency: 'usd', amount: 1_000_000 });
	});
	afterEach(() => sandbox.close());

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
