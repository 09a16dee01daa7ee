/**
 * The trigger's one Stripe call, through the package's transport: it follows no redirect (the API
 * key must never reach another host), retries by the shared retry policy with one Idempotency-Key,
 * and a Stripe-Account, Stripe-Context or Stripe-Request-Trigger that is not Stripe's is refused
 * before anything is sent. Run through n8n-core's real HookContext and HTTP client.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../../stripe-sandbox';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { stripeRequest } from '../../../nodes/StripeConnectTrigger/stripeRequest';
import type { StripeCall } from '../../../nodes/StripeConnectTrigger/stripeRequest';
import { sandboxCredentials, startTriggerHarness } from '../../harness/runTrigger';
import type { TriggerHarness } from '../../harness/runTrigger';

let sandbox: StripeSandbox;
let harness: TriggerHarness | undefined;
const servers: Server[] = [];

/** A local server answering every request with `answer`, recording what reached it. */
async function server(
	answer: (request: IncomingMessage) => { status: number; headers?: Record<string, string> },
): Promise<{ url: string; received: IncomingMessage[] }> {
	const received: IncomingMessage[] = [];
	const listening = createServer((request, response) => {
		received.push(request);
		const { status, headers } = answer(request);
		response.writeHead(status, { 'content-type': 'application/json', ...headers });
		response.end('{}');
	});
	listening.listen(0, '127.0.0.1');
	await once(listening, 'listening');
	servers.push(listening);
	return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, received };
}

async function call(baseUrl: string, request: StripeCall): Promise<unknown> {
	harness = await startTriggerHarness({
		parameters: { source: 'connect', events: ['payout.failed'] },
		credentials: sandboxCredentials(sandbox, { baseUrl }),
	});
	return await harness
		.withHookContext(async (context) => await stripeRequest(context, request))
		.catch((error: unknown) => error);
}

beforeEach(async () => {
	sandbox = await startSandbox();
});

afterEach(async () => {
	await harness?.close();
	harness = undefined;
	for (const listening of servers.splice(0)) {
		listening.closeAllConnections();
		await new Promise<void>((resolve) => listening.close(() => resolve()));
	}
	await sandbox.close();
});

describe('redirects', () => {
	it('follows none: a 3xx is an error naming the base URL, and the other host sees nothing', async () => {
		const elsewhere = await server(() => ({ status: 200 }));
		for (const status of [301, 302, 307, 308]) {
			for (const request of [
				{ method: 'GET', path: '/v2/core/events/evt_1A' },
				{ method: 'POST', path: '/v2/core/event_destinations', body: { name: 'x' } },
			] as StripeCall[]) {
				const redirecting = await server((incoming) => ({
					status,
					headers: { location: `${elsewhere.url}${incoming.url}` },
				}));

				const error = (await call(redirecting.url, request)) as Error & { description?: string };

				expect(error, `${status} ${request.method}`).toBeInstanceOf(Error);
				// The transport's refusal, naming the base URL, prefixed with the trigger's call.
				expect(error.message).toBe(
					`Stripe ${request.method} ${request.path} failed (${status}): The Stripe base URL ${redirecting.url} answered ${status} with a redirect to ${elsewhere.url}${request.path}; it was not followed`,
				);
				expect(error.description).toContain('Check the Base URL');
				expect(redirecting.received).toHaveLength(1);
				expect(redirecting.received[0].headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
				await harness?.close();
				harness = undefined;
			}
		}
		expect(elsewhere.received).toEqual([]);
	});
});

describe('retries', () => {
	it('sends a POST again after a 5xx with the same Idempotency-Key, so Stripe creates one endpoint', async () => {
		sandbox.injectFaults({ status: 500, match: { method: 'POST', path: '/v1/webhook_endpoints' } });

		const response = (await call(sandbox.url, {
			method: 'POST',
			path: '/v1/webhook_endpoints',
			body: { url: 'https://n8n.example/webhook/x', enabled_events: ['payout.failed'] },
		})) as { statusCode: number };

		expect(response.statusCode).toBe(200);
		const attempts = sandbox.requests({ method: 'POST', path: '/v1/webhook_endpoints' });
		expect(attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
		expect(attempts[0].idempotencyKey).toMatch(/\S{16,}/);
		expect(attempts[1].idempotencyKey).toBe(attempts[0].idempotencyKey);
		expect(attempts[1].rawBody).toBe(attempts[0].rawBody);
		expect(sandbox.state.listObjects('webhook_endpoint')).toHaveLength(1);
	});

	it('waits out rate limits (429) beyond the retry count, and never retries a 400', async () => {
		sandbox.injectFaults({ status: 429, times: 4, match: { method: 'GET', path: '/v1/balance' } });

		const response = (await call(sandbox.url, { method: 'GET', path: '/v1/balance' })) as {
			statusCode: number;
		};

		expect(response.statusCode).toBe(200);
		expect(sandbox.requests({ path: '/v1/balance' }).map((request) => request.status)).toEqual([
			429, 429, 429, 429, 200,
		]);
		await harness?.close();
		harness = undefined;
		sandbox.clearRequests();
		sandbox.injectFaults({ status: 400, match: { method: 'GET', path: '/v1/balance' } });

		const error = (await call(sandbox.url, { method: 'GET', path: '/v1/balance' })) as Error;

		expect(error.message).toMatch(/^Stripe GET \/v1\/balance failed \(400\): /);
		expect(sandbox.requests({ path: '/v1/balance' })).toHaveLength(1);
	});
});

describe('headers made from a delivery', () => {
	it('refuses an account, context or event id that is not Stripe’s, sending nothing', async () => {
		const refused: Array<[Partial<StripeCall>, RegExp]> = [
			[
				{ stripeAccount: 'acct_1A\r\nX-Injected: yes' },
				/^Refused to send Stripe-Account "acct_1A\\r\\nX-Injected: yes": it is not a Stripe account id\.$/,
			],
			[
				{ stripeContext: 'acct_1A\r\nX-Injected: yes' },
				/^Refused to send Stripe-Context "acct_1A\\r\\nX-Injected: yes": it is not a Stripe context/,
			],
			[{ stripeContext: 'acct_1A/acct_1B/acct_1C/acct_1D' }, /^Refused to send Stripe-Context/],
			[
				{ triggeringEvent: 'evt_1A\nX: y' },
				/^Refused to send Stripe-Request-Trigger "evt_1A\\nX: y": it is not a Stripe event id\.$/,
			],
			[
				{ stripeAccount: 'acct_1A', stripeContext: 'acct_1A' },
				/^A Stripe request cannot carry both Stripe-Account and Stripe-Context\.$/,
			],
		];
		for (const [headers, message] of refused) {
			const error = (await call(sandbox.url, {
				method: 'GET',
				path: '/v1/balance',
				...headers,
			})) as Error;
			expect(error, JSON.stringify(headers)).toBeInstanceOf(Error);
			expect(error.message).toMatch(message);
			await harness?.close();
			harness = undefined;
		}
		expect(sandbox.requests()).toEqual([]);
	});

	it('sends a valid context as Stripe-Context and the event as Stripe-Request-Trigger', async () => {
		const account = sandbox.state.createConnectedAccount({}).id as string;

		const response = (await call(sandbox.url, {
			method: 'GET',
			path: '/v1/balance',
			stripeContext: account,
			triggeringEvent: 'evt_1Triggering',
		})) as { statusCode: number };

		expect(response.statusCode).toBe(200);
		const [sent] = sandbox.requests();
		expect(sent.stripeContext).toBe(account);
		expect(sent.stripeAccount).toBeUndefined();
		expect(sent.headers['stripe-request-trigger']).toBe('event=evt_1Triggering');
	});
});
