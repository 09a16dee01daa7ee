import { NodeApiError } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../../stripe-sandbox';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { TESTED_STRIPE_API_VERSION } from '../../../nodes/shared/stripeApi';
import { listAllWebhookEndpoints } from '../../../nodes/StripeConnectTrigger/webhookEndpoints';
import { sandboxCredentials, startTriggerHarness } from '../../harness/runTrigger';
import type { TriggerHarness } from '../../harness/runTrigger';
import { ATTEMPTS_OF_A_FAILING_CALL, expectFailedDeleteLogged } from './support';

const WEBHOOK_ID = '0b8f5f7e-4c1d-4b43-9a57-1f3e2d9c6a10';

let sandbox: StripeSandbox;
const harnesses: TriggerHarness[] = [];

async function trigger(
	parameters: Record<string, unknown>,
	staticData?: Record<string, unknown>,
): Promise<TriggerHarness> {
	const harness = await startTriggerHarness({
		parameters: parameters as never,
		credentials: sandboxCredentials(sandbox),
		webhookId: WEBHOOK_ID,
		staticData: staticData as never,
	});
	harnesses.push(harness);
	return harness;
}

interface EndpointView {
	id: string;
	url: string;
	enabled_events: string[];
	api_version: string | null;
	metadata: Record<string, string>;
}

/** Stripe never returns `connect`; the trigger marks each endpoint's source in its metadata. */
function sourceMarked(source: 'connect' | 'platform') {
	return { n8n_stripe_connect_trigger_source: source };
}

function endpointsAtStripe(): EndpointView[] {
	return sandbox.state.listObjects('webhook_endpoint') as unknown as EndpointView[];
}

function storedEndpoints(harness: TriggerHarness): Record<string, { id: string; secret: string }> {
	return (harness.nodeStaticData.endpoints ?? {}) as Record<string, { id: string; secret: string }>;
}

function calls(method: string, path: string | RegExp) {
	return sandbox.requests({ method, path });
}

beforeEach(async () => {
	sandbox = await startSandbox();
});

afterEach(async () => {
	for (const harness of harnesses.splice(0)) await harness.close();
	await sandbox.close();
});

describe('activation', () => {
	it('registers one connect=true endpoint pinned to the credential API version and stores its secret', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.paid', 'payout.failed'] });
		await harness.activate();

		const [list, create] = sandbox.requests();
		expect(list).toMatchObject({
			method: 'GET',
			path: '/v1/webhook_endpoints',
			rawQuery: 'limit=100',
		});
		expect(create.method).toBe('POST');
		expect(create.path).toBe('/v1/webhook_endpoints');
		expect(create.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(create.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(create.headers['stripe-version']).toBe(TESTED_STRIPE_API_VERSION);
		expect(create.rawBody).toBe(
			[
				`url=${encodeURIComponent(harness.webhookUrl)}`,
				'enabled_events[0]=payout.failed',
				'enabled_events[1]=payout.paid',
				'connect=true',
				`api_version=${TESTED_STRIPE_API_VERSION}`,
				'description=n8n%20Stripe%20Connect%20Trigger%20(connected%20accounts)',
				'metadata[n8n_stripe_connect_trigger_source]=connect',
			].join('&'),
		);
		expect(sandbox.requests()).toHaveLength(2);

		const atStripe = endpointsAtStripe();
		expect(atStripe).toHaveLength(1);
		expect(atStripe[0]).toMatchObject({
			url: harness.webhookUrl,
			metadata: sourceMarked('connect'),
			api_version: TESTED_STRIPE_API_VERSION,
			enabled_events: ['payout.failed', 'payout.paid'],
		});
		const stored = storedEndpoints(harness);
		expect(Object.keys(stored)).toEqual(['connect']);
		expect(stored.connect.id).toBe(atStripe[0].id);
		expect(stored.connect.secret).toMatch(/^whsec_/);
	});

	it('registers the platform endpoint with connect=false', async () => {
		const harness = await trigger({ source: 'platform', events: ['transfer.created'] });
		await harness.activate();
		expect(calls('POST', '/v1/webhook_endpoints')[0].rawBody).toContain('&connect=false&');
		expect(endpointsAtStripe()).toMatchObject([
			{ metadata: sourceMarked('platform'), enabled_events: ['transfer.created'] },
		]);
		expect(Object.keys(storedEndpoints(harness))).toEqual(['platform']);
	});

	it('manages two endpoints for "both", one per source, each with its own secret', async () => {
		const harness = await trigger({ source: 'both', events: ['*'] });
		await harness.activate();
		const atStripe = endpointsAtStripe();
		expect(atStripe).toHaveLength(2);
		const creates = calls('POST', '/v1/webhook_endpoints').map((request) => request.rawBody);
		expect(creates.filter((body) => body.includes('&connect=true&'))).toHaveLength(1);
		expect(creates.filter((body) => body.includes('&connect=false&'))).toHaveLength(1);
		expect(atStripe.every((endpoint) => endpoint.enabled_events.join() === '*')).toBe(true);
		const stored = storedEndpoints(harness);
		expect(stored.connect.secret).not.toBe(stored.platform.secret);
		expect(new Set([stored.connect.id, stored.platform.id])).toEqual(
			new Set(atStripe.map((endpoint) => endpoint.id)),
		);
	});

	it('reuses its endpoint when the workflow is activated again, without creating another', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const first = storedEndpoints(harness).connect;
		sandbox.clearRequests();

		await harness.activate('init');

		expect(sandbox.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /v1/webhook_endpoints/${first.id}`,
		]);
		expect(storedEndpoints(harness).connect).toEqual(first);
		expect(endpointsAtStripe()).toHaveLength(1);
	});

	it('updates the events of the endpoint it holds when re-published with other events', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const first = storedEndpoints(harness).connect;
		sandbox.clearRequests();

		harness.setParameters({
			source: 'connect',
			events: ['payout.failed', 'charge.dispute.created', 'account.updated'],
		});
		await harness.activate('update');

		const updates = calls('POST', `/v1/webhook_endpoints/${first.id}`);
		expect(updates).toHaveLength(1);
		expect(updates[0].rawBody).toBe(
			'enabled_events[0]=account.updated&enabled_events[1]=charge.dispute.created&enabled_events[2]=payout.failed',
		);
		expect(calls('POST', '/v1/webhook_endpoints')).toHaveLength(0);
		expect(calls('DELETE', /^\/v1\/webhook_endpoints\//)).toHaveLength(0);
		expect(endpointsAtStripe()).toMatchObject([
			{
				id: first.id,
				enabled_events: ['account.updated', 'charge.dispute.created', 'payout.failed'],
			},
		]);
		expect(storedEndpoints(harness).connect).toEqual(first);
	});

	it('re-enables its endpoint when Stripe disabled it after failed deliveries', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const { id } = storedEndpoints(harness).connect;
		await fetch(`${sandbox.url}/v1/webhook_endpoints/${id}`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${sandbox.secretKey}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: 'disabled=true',
		});
		sandbox.clearRequests();

		await harness.activate('init');

		const updates = calls('POST', `/v1/webhook_endpoints/${id}`);
		expect(updates.map((request) => request.rawBody)).toEqual([
			'enabled_events[0]=payout.failed&disabled=false',
		]);
		expect(endpointsAtStripe()).toMatchObject([{ id, status: 'enabled' }]);
		expect(calls('POST', '/v1/webhook_endpoints')).toHaveLength(0);
	});

	it('replaces an endpoint for its URL whose secret it no longer holds, instead of adding a duplicate', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const lost = storedEndpoints(harness).connect;

		// The same workflow (same webhook URL) with its static data lost, e.g. re-imported.
		harness.savedStaticData = {};
		sandbox.clearRequests();
		await harness.activate();

		expect(sandbox.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v1/webhook_endpoints',
			`DELETE /v1/webhook_endpoints/${lost.id}`,
			'POST /v1/webhook_endpoints',
		]);
		const atStripe = endpointsAtStripe();
		expect(atStripe).toHaveLength(1);
		expect(atStripe[0].id).toBe(storedEndpoints(harness).connect.id);
		expect(atStripe[0].id).not.toBe(lost.id);
	});

	it('replaces its endpoint when the credential pins another API version (Stripe cannot change it)', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const first = storedEndpoints(harness).connect;

		harness.setCredentials(sandboxCredentials(sandbox, { apiVersion: '2025-09-30.clover' }));
		await harness.activate('update');

		const atStripe = endpointsAtStripe();
		expect(atStripe).toHaveLength(1);
		expect(atStripe[0].api_version).toBe('2025-09-30.clover');
		expect(atStripe[0].id).not.toBe(first.id);
	});

	it('switches from connect to both by keeping the connect endpoint and adding the platform one', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const connectEndpoint = storedEndpoints(harness).connect;
		harness.setParameters({ source: 'both', events: ['payout.failed'] });
		await harness.activate('update');
		expect(storedEndpoints(harness).connect).toEqual(connectEndpoint);
		expect(endpointsAtStripe()).toHaveLength(2);

		harness.setParameters({ source: 'platform', events: ['payout.failed'] });
		await harness.activate('update');
		expect(Object.keys(storedEndpoints(harness))).toEqual(['platform']);
		expect(endpointsAtStripe()).toMatchObject([{ metadata: sourceMarked('platform') }]);
	});

	it('leaves endpoints for other URLs alone', async () => {
		const other = await trigger({ source: 'connect', events: ['payout.failed'] });
		await other.activate();
		const othersEndpoint = storedEndpoints(other).connect.id;

		const harness = await startTriggerHarness({
			parameters: { source: 'both', events: ['payout.failed'] },
			credentials: sandboxCredentials(sandbox),
			webhookId: '9d0c2a4e-7f6b-4e38-8a21-5c4b3a291f00',
		});
		harnesses.push(harness);
		await harness.activate();
		await harness.deactivate();

		expect(endpointsAtStripe().map((endpoint) => endpoint.id)).toEqual([othersEndpoint]);
	});

	it("never approaches Stripe's limit of 16 endpoints over repeated activations", async () => {
		const harness = await trigger({ source: 'both', events: ['payout.failed'] });
		for (let round = 0; round < 20; round += 1) {
			await harness.activate(round % 2 === 0 ? 'activate' : 'init');
			if (round % 3 === 0) await harness.deactivate();
			expect(endpointsAtStripe().length).toBeLessThanOrEqual(2);
		}
		for (let round = 0; round < 20; round += 1) {
			// Every activation with its static data lost, the case that piles up endpoints elsewhere.
			harness.savedStaticData = {};
			await harness.activate();
			expect(endpointsAtStripe()).toHaveLength(2);
		}
	});

	it('registers a test listener at the test URL and removes it without touching the production endpoint', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const production = storedEndpoints(harness).connect;

		const listener = await harness.listenForTestEvent();
		expect(listener.webhookUrl).not.toBe(harness.webhookUrl);
		expect(
			endpointsAtStripe()
				.map((endpoint) => endpoint.url)
				.sort(),
		).toEqual([harness.webhookUrl, listener.webhookUrl].sort());
		await listener.stop();

		expect(endpointsAtStripe()).toMatchObject([{ id: production.id, url: harness.webhookUrl }]);
		expect(storedEndpoints(harness).connect).toEqual(production);
	});

	it('leaves the production endpoint alone when a test listener starts from a copy of the static data', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const production = storedEndpoints(harness).connect;

		const listener = await harness.listenForTestEvent({ staticData: 'copy' });
		const listenerData = listener.staticData['node:Stripe Connect Trigger'] as {
			endpoints: Record<string, { url: string }>;
		};
		expect(Object.values(listenerData.endpoints).map((endpoint) => endpoint.url)).toEqual([
			listener.webhookUrl,
		]);
		await listener.stop();

		expect(endpointsAtStripe()).toMatchObject([{ id: production.id, url: harness.webhookUrl }]);
		expect(storedEndpoints(harness).connect).toEqual(production);
	});

	it('leaves the production endpoint alone when a test listener with a copy of the static data fails to register', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const production = storedEndpoints(harness).connect;
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'GET', path: '/v1/webhook_endpoints' },
		});

		await expect(harness.listenForTestEvent({ staticData: 'copy' })).rejects.toThrow(/500/);

		expect(calls('DELETE', /^\/v1\/webhook_endpoints\//)).toHaveLength(0);
		expect(endpointsAtStripe()).toMatchObject([{ id: production.id }]);
	});

	it('refuses to activate with a signature tolerance outside 1–600 s, naming the field', async () => {
		for (const toleranceSeconds of [3600, 0, -1, 1.5, '']) {
			const harness = await trigger({
				source: 'connect',
				events: ['payout.failed'],
				options: { toleranceSeconds },
			});
			await expect(harness.activate(), String(toleranceSeconds)).rejects.toThrow(
				/^Signature Tolerance \(Seconds\) is .*\. Enter a whole number of seconds from 1 to 600/,
			);
		}
		expect(endpointsAtStripe()).toHaveLength(0);
		const harness = await trigger({
			source: 'connect',
			events: ['payout.failed'],
			options: { toleranceSeconds: 600 },
		});
		await harness.activate();
		expect(endpointsAtStripe()).toHaveLength(1);
	});

	it('refuses to activate without events, naming the field', async () => {
		const harness = await trigger({ source: 'connect', events: [] });
		await expect(harness.activate()).rejects.toThrow(/Trigger On/);
		expect(endpointsAtStripe()).toHaveLength(0);
	});

	it('refuses to activate with a malformed account filter, naming the entry and the field', async () => {
		const harness = await trigger({
			source: 'connect',
			events: ['payout.failed'],
			accountIds: 'acct_1Good, cus_123',
		});
		await expect(harness.activate()).rejects.toThrow(/"cus_123" in Connected Account IDs/);
		expect(endpointsAtStripe()).toHaveLength(0);
	});

	it("reports Stripe's refusal with the failed call, Stripe's message and the request ID", async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		sandbox.injectFaults({ status: 400, match: { method: 'POST', path: '/v1/webhook_endpoints' } });
		const refusal = (await harness.activate().catch((error: unknown) => error)) as NodeApiError;

		expect(refusal).toBeInstanceOf(NodeApiError);
		expect(refusal.message).toBe(
			'Stripe POST /v1/webhook_endpoints failed (400): Injected failure with status 400.',
		);
		expect(refusal.httpCode).toBe('400');
		const [refused] = calls('POST', '/v1/webhook_endpoints');
		expect(refused.status).toBe(400);
		expect(refusal.description).toContain('Type: invalid_request_error');
		expect(refusal.description).toContain(`Request ID: ${refused.requestId}`);
		expect(refusal.description).not.toContain(sandbox.secretKey);
		expect(endpointsAtStripe()).toHaveLength(0);
	});
});

describe('listing endpoints', () => {
	it('follows every page of /v1/webhook_endpoints', async () => {
		for (let index = 0; index < 5; index += 1) {
			await fetch(`${sandbox.url}/v1/webhook_endpoints`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${sandbox.secretKey}`,
					'content-type': 'application/x-www-form-urlencoded',
				},
				body: `url=${encodeURIComponent(`https://elsewhere.example/hook/${index}`)}&enabled_events[0]=*`,
			});
		}
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		sandbox.clearRequests();

		const listed = await harness.withHookContext(async (context) =>
			listAllWebhookEndpoints(context, 2),
		);

		expect(listed.map((endpoint) => endpoint.id).sort()).toEqual(
			endpointsAtStripe()
				.map((endpoint) => endpoint.id)
				.sort(),
		);
		const pages = sandbox.requests({ method: 'GET', path: '/v1/webhook_endpoints' });
		expect(pages.map((page) => page.rawQuery)).toEqual([
			'limit=2',
			`limit=2&starting_after=${listed[1].id}`,
			`limit=2&starting_after=${listed[3].id}`,
		]);
	});
});

/** Deactivation sent exactly one DELETE per stored endpoint, Stripe has none left, nothing is stored. */
function expectBothDeletedAndForgotten(
	harness: TriggerHarness,
	stored: Record<string, { id: string }>,
): void {
	expect(
		sandbox
			.requests()
			.map((request) => `${request.method} ${request.path}`)
			.sort(),
	).toEqual(
		[
			`DELETE /v1/webhook_endpoints/${stored.connect.id}`,
			`DELETE /v1/webhook_endpoints/${stored.platform.id}`,
		].sort(),
	);
	expect(endpointsAtStripe()).toHaveLength(0);
	expect(storedEndpoints(harness)).toEqual({});
}

describe('deactivation', () => {
	it('deletes the endpoints it created and forgets them', async () => {
		const harness = await trigger({ source: 'both', events: ['payout.failed'] });
		await harness.activate();
		const stored = storedEndpoints(harness);
		sandbox.clearRequests();

		await harness.deactivate();

		expectBothDeletedAndForgotten(harness, stored);
	});

	it("deletes by id the endpoints it created after n8n's URL changed", async () => {
		const harness = await trigger({ source: 'both', events: ['payout.failed'] });
		await harness.activate();
		const stored = storedEndpoints(harness);
		const oldUrl = harness.webhookUrl;
		harness.setPublicUrl('https://n8n.example.com');
		expect(harness.webhookUrl).not.toBe(oldUrl);
		sandbox.clearRequests();

		await harness.deactivate();

		expectBothDeletedAndForgotten(harness, stored);
	});

	it('treats an endpoint already deleted at Stripe as gone', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const { id } = storedEndpoints(harness).connect;
		await fetch(`${sandbox.url}/v1/webhook_endpoints/${id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${sandbox.secretKey}` },
		});
		await harness.deactivate();
		expect(storedEndpoints(harness)).toEqual({});
		expect(harness.logs.filter((line) => line.level === 'error')).toEqual([]);
	});

	it('logs a failed delete and keeps the endpoint, so the next activation reuses it', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const kept = storedEndpoints(harness).connect;
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'DELETE', path: `/v1/webhook_endpoints/${kept.id}` },
		});

		await harness.deactivate();

		expectFailedDeleteLogged(harness, kept);
		expect(storedEndpoints(harness).connect).toEqual(kept);

		sandbox.clearRequests();
		await harness.activate();
		expect(calls('POST', '/v1/webhook_endpoints')).toHaveLength(0);
		expect(endpointsAtStripe().map((endpoint) => endpoint.id)).toEqual([kept.id]);
	});
});
