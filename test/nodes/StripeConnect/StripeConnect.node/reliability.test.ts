import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { loadWorkflowFixture, runWorkflow, sandboxCredentials } from '../../../harness/runWorkflow';
import {
	expectWire,
	FIXTURE_FOLDER,
	NODE,
	outputJson,
	runFixture,
	runFixtureOk,
	useSandbox,
} from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let destination: string;

useSandbox(async (started) => {
	sandbox = started;
	destination = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
	sandbox.state.fundBalance({ currency: 'eur', amount: 10_000_00 });
});

function transfersTo(account: string, amount: number) {
	return sandbox.state
		.listObjects('transfer')
		.filter((transfer) => transfer.destination === account && transfer.amount === amount);
}

function transferRequests() {
	return sandbox.requests({ method: 'POST', path: '/v1/transfers' });
}

describe('retries inside one node run', () => {
	it.each([
		[429, 'rate limit'],
		[409, 'lock conflict'],
		[503, 'server error'],
	])('retries a %i (%s) with the same idempotency key and moves money once', async (status) => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		sandbox.injectFaults({ status, times: 2, match: { method: 'POST', path: '/v1/transfers' } });

		const [transfer] = await runFixtureOk(sandbox, 'transfer-create', [
			{ destination: account, amount: 1111 },
		]);

		const requests = transferRequests();
		expect(requests.map((request) => request.status)).toEqual([status, status, 200]);
		expect(new Set(requests.map((request) => request.idempotencyKey)).size).toBe(1);
		expectWire(sandbox, requests[2], {
			method: 'POST',
			path: '/v1/transfers',
			rawBody: `amount=1111&currency=eur&destination=${account}&description=Order%2042%20payout&transfer_group=order_42&metadata[order_id]=42`,
		});
		expect(transfersTo(account, 1111)).toHaveLength(1);
		expect(transfer.id).toBe(transfersTo(account, 1111)[0].id);
	});

	it("does not retry when Stripe-Should-Retry is false, and reports Stripe's message", async () => {
		sandbox.injectFaults({
			status: 503,
			shouldRetry: false,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		const result = await runFixture(sandbox, 'transfer-create', [{ destination, amount: 1212 }]);

		expect(transferRequests()).toHaveLength(1);
		expect(result.error?.message).toBe('An unknown error occurred');
		expect(result.error?.description).toContain('Type: api_error');
		expect(transfersTo(destination, 1212)).toHaveLength(0);
	});

	it('retries a 429 that Stripe-Should-Retry marks as retryable', async () => {
		sandbox.injectFaults({
			status: 429,
			shouldRetry: true,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		await runFixtureOk(sandbox, 'transfer-create', [{ destination, amount: 1313 }]);

		expect(transferRequests().map((request) => request.status)).toEqual([429, 200]);
	});

	it('gives up after Max Retries and surfaces the last Stripe error', async () => {
		sandbox.injectFaults({
			status: 503,
			times: 5,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		const result = await runFixture(sandbox, 'transfer-create', [{ destination, amount: 1414 }]);

		expect(transferRequests().map((request) => request.status)).toEqual([503, 503, 503]);
		expect(result.error?.message).toBe('An unknown error occurred');
		expect(result.error?.description).toContain('Type: api_error');
		expect(result.error?.httpCode).toBe('503');
		expect(transfersTo(destination, 1414)).toHaveLength(0);
	});

	it('retries a rate limit beyond Max Retries, for as long as Rate Limit Wait allows', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		sandbox.injectFaults({
			status: 429,
			times: 5,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		await runFixtureOk(sandbox, 'transfer-create', [{ destination: account, amount: 1415 }]);

		expect(transferRequests().map((request) => request.status)).toEqual([
			429, 429, 429, 429, 429, 200,
		]);
		expect(new Set(transferRequests().map((request) => request.idempotencyKey)).size).toBe(1);
		expect(transfersTo(account, 1415)).toHaveLength(1);
	});

	it('gives up on a rate limit after Rate Limit Wait and surfaces the last Stripe error', async () => {
		sandbox.injectFaults({
			status: 429,
			times: 1000,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		const result = await runFixture(sandbox, 'transfer-create-rate-limit-wait', [
			{ destination, amount: 1416 },
		]);
		sandbox.clearFaults();

		const statuses = transferRequests().map((request) => request.status);
		expect(statuses.length).toBeGreaterThan(1);
		expect(new Set(statuses)).toEqual(new Set([429]));
		expect(result.error?.message).toMatch(/rate limit/i);
		expect(result.error?.description).toContain('Code: rate_limit');
		expect(transfersTo(destination, 1416)).toHaveLength(0);
	});

	it('replays instead of transferring again when a 5xx came after the transfer happened', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		sandbox.injectFaults({
			status: 500,
			afterExecution: true,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		const result = await runFixture(sandbox, 'transfer-create', [
			{ destination: account, amount: 1515 },
		]);

		const requests = transferRequests();
		expect(requests).toHaveLength(3);
		expect(new Set(requests.map((request) => request.idempotencyKey)).size).toBe(1);
		expect(transfersTo(account, 1515)).toHaveLength(1);
		expect(result.error?.message).toBe('An unknown error occurred');
	});
});

describe('under a rate limit', () => {
	it('creates every transfer exactly once when Stripe answers 429 to a burst', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		const items = Array.from({ length: 20 }, (_, index) => ({
			destination: account,
			amount: 3000 + index,
		}));
		sandbox.setRateLimit(8);
		try {
			// The credential allows 50 requests per second, so the first burst overruns Stripe's 8.
			const result = await runFixture(sandbox, 'transfer-create-many-retries', items, {
				credential: { requestsPerSecond: 50 },
			});
			expect(result.error).toBeUndefined();
			expect(outputJson(result).map((transfer) => transfer.amount)).toEqual(
				items.map((item) => item.amount),
			);
		} finally {
			sandbox.setRateLimit(undefined);
		}

		const requests = transferRequests();
		expect(requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
		const succeeded = requests.filter((request) => request.status === 200);
		expect(succeeded).toHaveLength(20);
		expect(new Set(succeeded.map((request) => request.idempotencyKey)).size).toBe(20);
		for (const item of items) {
			expect(transfersTo(account, item.amount)).toHaveLength(1);
		}
	});
});

/**
 * A pass-through in front of the sandbox that counts how many requests are open at once, so a test
 * can see what the node's pacer let through together.
 */
async function startCountingProxy(target: string) {
	let open = 0;
	let mostOpen = 0;
	const server = createServer((request, response) => {
		open += 1;
		mostOpen = Math.max(mostOpen, open);
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const headers = Object.fromEntries(
				Object.entries(request.headers).filter(
					(entry): entry is [string, string] =>
						typeof entry[1] === 'string' && !['host', 'connection'].includes(entry[0]),
				),
			);
			void fetch(`${target}${request.url ?? '/'}`, {
				method: request.method,
				headers,
				body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
			}).then(async (answer) => {
				const body = Buffer.from(await answer.arrayBuffer());
				open -= 1;
				response.writeHead(answer.status, Object.fromEntries(answer.headers));
				response.end(body);
			});
		});
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		mostOpen: () => mostOpen,
		close: async () => await new Promise((done) => server.close(done)),
	};
}

describe('one pacer per Stripe key for the whole process', () => {
	it("keeps two executions running at once within the credential's Max Requests in Flight", async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		const proxy = await startCountingProxy(sandbox.url);
		sandbox.setLatency(100);
		try {
			const credentials = sandboxCredentials(
				{ url: proxy.url, secretKey: sandbox.secretKey },
				{ maxRequestsInFlight: 1 },
			);
			const workflow = loadWorkflowFixture(join(FIXTURE_FOLDER, 'transfer-create.json'));
			const batch = (first: number) =>
				runWorkflow(workflow, {
					credentials,
					inputItems: [0, 1, 2].map((index) => ({ destination: account, amount: first + index })),
				});

			const results = await Promise.all([batch(4100), batch(4200)]);

			expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
		} finally {
			sandbox.setLatency(0);
			await proxy.close();
		}
		expect(transferRequests()).toHaveLength(6);
		expect(proxy.mostOpen()).toBe(1);
	});
});

describe("n8n's Retry On Fail", () => {
	it('re-runs the node with the same idempotency key and creates one transfer, not two', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		sandbox.injectFaults({ status: 503, match: { method: 'POST', path: '/v1/transfers' } });

		const result = await runFixture(sandbox, 'transfer-create-retry-on-fail', [
			{ destination: account },
		]);

		expect(result.error).toBeUndefined();
		const requests = transferRequests();
		expect(requests.map((request) => request.status)).toEqual([503, 200]);
		expect(requests[0].idempotencyKey).toBe(requests[1].idempotencyKey);
		expect(transfersTo(account, 1500)).toHaveLength(1);
		expect(outputJson(result)[0].id).toBe(transfersTo(account, 1500)[0].id);
	});

	it('replays the first answer when the transfer went through but its answer failed', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		sandbox.injectFaults({
			status: 502,
			afterExecution: true,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		await runFixture(sandbox, 'transfer-create-retry-on-fail', [{ destination: account }]);

		const requests = transferRequests();
		expect(requests.length).toBeGreaterThan(1);
		expect(new Set(requests.map((request) => request.idempotencyKey)).size).toBe(1);
		expect(transfersTo(account, 1500)).toHaveLength(1);
	});

	it('gives every item its own key, and uses the Idempotency Key option when set', async () => {
		await runFixtureOk(sandbox, 'transfer-create', [
			{ destination, amount: 1717 },
			{ destination, amount: 1718 },
		]);
		const keys = transferRequests().map((request) => request.idempotencyKey);
		expect(new Set(keys).size).toBe(2);

		sandbox.clearRequests();
		await runFixtureOk(sandbox, 'transfer-create-user-key', [
			{ destination, key: 'order-42-payout' },
		]);
		expect(transferRequests()[0].idempotencyKey).toBe('order-42-payout');
	});
});

describe('running the same items again', () => {
	it('replays in a new execution by default: the same items pay nothing twice, and say so', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		const items = [{ destination: account, amount: 1616 }];

		const first = await runFixture(sandbox, 'transfer-create', items, { executionId: 'exec-a' });
		const again = await runFixture(sandbox, 'transfer-create', items, { executionId: 'exec-b' });

		const [firstRequest, againRequest] = transferRequests();
		expect(againRequest.idempotencyKey).toBe(firstRequest.idempotencyKey);
		expect(againRequest.idempotencyKey).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(transfersTo(account, 1616)).toHaveLength(1);
		expect(outputJson(again)[0].id).toBe(outputJson(first)[0].id);
		expect(outputJson(first)[0]._stripe).toEqual({
			idempotencyKey: firstRequest.idempotencyKey,
			idempotentReplayed: false,
			requestId: firstRequest.requestId,
		});
		expect(outputJson(again)[0]._stripe).toEqual({
			idempotencyKey: firstRequest.idempotencyKey,
			idempotentReplayed: true,
			requestId: expect.stringMatching(/^req_/),
		});
	});

	it('pays two identical items of one batch both', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		const twice = [
			{ destination: account, amount: 1818 },
			{ destination: account, amount: 1818 },
		];

		const result = await runFixtureOk(sandbox, 'transfer-create', twice);

		expect(new Set(transferRequests().map((request) => request.idempotencyKey)).size).toBe(2);
		expect(transfersTo(account, 1818)).toHaveLength(2);
		expect(
			result.map((item) => (item._stripe as { idempotentReplayed: boolean }).idempotentReplayed),
		).toEqual([false, false]);
	});

	it('sends a changed item with a new key: a corrected amount is paid', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;

		await runFixtureOk(sandbox, 'transfer-create', [{ destination: account, amount: 1900 }]);
		await runFixtureOk(sandbox, 'transfer-create', [{ destination: account, amount: 1901 }]);

		const [first, second] = transferRequests();
		expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
		expect(transfersTo(account, 1900)).toHaveLength(1);
		expect(transfersTo(account, 1901)).toHaveLength(1);
	});

	it('New Key per Execution replays within one execution and pays again in a new one', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		const items = [{ destination: account, amount: 1717 }];

		await runFixture(sandbox, 'transfer-create-per-execution', items, { executionId: 'exec-c' });
		await runFixture(sandbox, 'transfer-create-per-execution', items, { executionId: 'exec-c' });
		expect(transfersTo(account, 1717)).toHaveLength(1);

		await runFixture(sandbox, 'transfer-create-per-execution', items, { executionId: 'exec-d' });
		const keys = transferRequests().map((request) => request.idempotencyKey);
		expect(keys[1]).toBe(keys[0]);
		expect(keys[2]).not.toBe(keys[0]);
		expect(transfersTo(account, 1717)).toHaveLength(2);
	});

	it('re-runs a batch that failed part-way as a new execution and ends with each transfer once', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		const items = Array.from({ length: 30 }, (_, index) => ({
			destination: account,
			amount: 2000 + index,
		}));
		// Stripe is unavailable for 12 of the first requests and says not to retry them.
		sandbox.injectFaults({
			status: 503,
			shouldRetry: false,
			times: 12,
			match: { method: 'POST', path: '/v1/transfers' },
		});

		const failed = await runFixture(sandbox, 'transfer-create', items, { executionId: 'exec-e' });
		expect(failed.error).toBeDefined();
		const paidFirst = sandbox.state
			.listObjects('transfer')
			.filter((transfer) => transfer.destination === account);
		expect(paidFirst).toHaveLength(18);

		const rerun = await runFixture(sandbox, 'transfer-create', items, { executionId: 'exec-f' });

		expect(rerun.error).toBeUndefined();
		const paid = sandbox.state
			.listObjects('transfer')
			.filter((transfer) => transfer.destination === account);
		expect(paid.map((transfer) => transfer.amount).sort()).toEqual(
			items.map((item) => item.amount),
		);
		const replayed = outputJson(rerun).filter(
			(item) => (item._stripe as { idempotentReplayed: boolean }).idempotentReplayed,
		);
		expect(replayed).toHaveLength(18);
	});
});

describe('Options → Idempotency and Idempotency Key', () => {
	it('uses the own key when only the key is set, or with Own Key', async () => {
		await runFixtureOk(sandbox, 'transfer-create-idempotency-input', [
			{ destination, key: 'order-43-payout', mode: 'own' },
		]);
		expect(transferRequests()[0].idempotencyKey).toBe('order-43-payout');
	});

	it.each([
		[
			{ mode: 'rerunSafe', key: 'order-44' },
			'Options → Idempotency and Options → Idempotency Key: disagree',
		],
		[
			{ mode: 'perExecution', key: 'order-44' },
			'disagree: a key is set, but Idempotency is "perExecution"',
		],
		[{ mode: 'own', key: '' }, 'Options → Idempotency Key: is added but its expression gave ""'],
		[
			{ mode: 'Own Key', key: 'order-44' },
			'Options → Idempotency: "Own Key" is not one of the allowed values',
		],
	])('refuses %j before anything is sent', async (input, message) => {
		const result = await runFixture(sandbox, 'transfer-create-idempotency-input', [
			{ destination, ...input },
		]);

		expect(result.error?.message).toContain(message);
		expect(sandbox.requests()).toEqual([]);
	});

	it('names a replayed error and how to send the item again', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'DE' }).id;
		const items = [{ destination: account, amount: 999_999_999 }];

		await runFixture(sandbox, 'transfer-create', items, { executionId: 'exec-g' });
		const replayed = await runFixture(sandbox, 'transfer-create', items, { executionId: 'exec-h' });

		expect(transferRequests().map((request) => request.status)).toEqual([400, 400]);
		expect(replayed.error?.description).toContain('Replayed: yes');
		expect(replayed.error?.description).toContain('New Key per Execution');
	});
});

describe('Return All and Limit', () => {
	let account: string;
	let newestFirst: string[];

	beforeAll(() => {
		account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
		for (let index = 0; index < 205; index++) {
			sandbox.state.createManualPayout({ account, amount: 100 + index, currency: 'usd' });
		}
		newestFirst = sandbox.state.listObjects('payout', account).map((payout) => payout.id as string);
	});

	it('follows starting_after across three pages to the end', async () => {
		const result = await runFixture(sandbox, 'payout-get-many', [
			{ account, before: new Date((sandbox.now() + 10) * 1000).toISOString() },
		]);

		expect(result.error).toBeUndefined();
		const requests = sandbox.requests({ method: 'GET', path: '/v1/payouts' });
		const base = `arrival_date[gte]=1767225600&created[lte]=${sandbox.now() + 10}&status=paid`;
		expect(requests.map((request) => request.rawQuery)).toEqual([
			`${base}&limit=100`,
			`${base}&limit=100&starting_after=${newestFirst[99]}`,
			`${base}&limit=100&starting_after=${newestFirst[199]}`,
		]);
		expect(outputJson(result).map((payout) => payout.id)).toEqual(newestFirst);
	});

	it('stops at the Limit and sizes the last page to what is missing', async () => {
		const result = await runFixture(sandbox, 'payout-get-many-limit', [{ account }]);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests().map((request) => request.rawQuery)).toEqual([
			'limit=100',
			`limit=50&starting_after=${newestFirst[99]}`,
		]);
		expect(outputJson(result).map((payout) => payout.id)).toEqual(newestFirst.slice(0, 150));
	});

	it('refuses a filter whose expression gave nothing instead of listing more than asked', async () => {
		const result = await runFixture(sandbox, 'transfer-get-many', [
			{ destination, group: '', returnAll: false, limit: 2 },
		]);

		expect(result.error?.message).toContain(
			'Filters → Transfer Group: is added but its expression gave ""',
		);
		expect(sandbox.requests()).toEqual([]);
	});
});

describe('Continue On Fail', () => {
	it('puts input problems and Stripe errors on their items and carries on with the others', async () => {
		const result = await runFixture(sandbox, 'transfer-create-continue-on-fail', [
			{ destination, amount: 1919, currency: 'eur' },
			{ destination, amount: 1920, currency: 'EUR' },
			{ destination: 'acct_doesnotexist000', amount: 1921, currency: 'eur' },
		]);

		expect(result.error).toBeUndefined();
		const items = result.outputs[NODE][0];
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({ object: 'transfer', amount: 1919 });
		expect(items[1].json.error).toContain('Currency');
		expect(items[2].json.error).toContain('acct_doesnotexist000');
		expect(transferRequests()).toHaveLength(2);
	});
});
