/**
 * The event destination lifecycle (Delivery "Event Destination"): what activation registers at
 * Stripe through API v2, how re-publishing reuses it, how it replaces what cannot be reused, and how
 * deactivation deletes it by id. Requests are asserted on the wire against the sandbox and compared
 * with what the stripe SDK sends for the same calls.
 */
import Stripe from 'stripe';
import { NodeApiError } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../../stripe-sandbox';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { TESTED_STRIPE_API_VERSION } from '../../../nodes/shared/stripeApi';
import {
	listAllEventDestinations,
	nextDestinationsPage,
} from '../../../nodes/StripeConnectTrigger/eventDestinations';
import { sandboxCredentials, startTriggerHarness } from '../../harness/runTrigger';
import type { TriggerHarness } from '../../harness/runTrigger';
import { ATTEMPTS_OF_A_FAILING_CALL, expectFailedDeleteLogged } from './support';
import { sandboxStripe } from './sandboxEvents';

const WEBHOOK_ID = '4d1e6c1a-8b57-4f0e-a1f3-2c9e7d5b6a30';

let sandbox: StripeSandbox;
let sdk: Stripe;
const harnesses: TriggerHarness[] = [];

interface StoredDestination {
	id: string;
	secret: string;
	url: string;
	payload: string;
}

interface DestinationView {
	id: string;
	status: string;
	event_payload: string;
	events_from: string[];
	enabled_events: string[];
	snapshot_api_version: string | null;
	metadata: Record<string, string>;
	webhook_endpoint: { url: string | null };
}

async function trigger(
	parameters: Record<string, unknown>,
	options: { staticData?: Record<string, unknown>; webhookId?: string } = {},
): Promise<TriggerHarness> {
	const harness = await startTriggerHarness({
		parameters: { delivery: 'eventDestination', ...parameters } as never,
		credentials: sandboxCredentials(sandbox),
		webhookId: options.webhookId ?? WEBHOOK_ID,
		staticData: options.staticData as never,
	});
	harnesses.push(harness);
	return harness;
}

function storedDestination(harness: TriggerHarness): StoredDestination {
	return harness.nodeStaticData.destination as StoredDestination;
}

/** The destinations Stripe holds, with their URLs (read through the SDK, after the wire checks). */
async function destinationsAtStripe(): Promise<DestinationView[]> {
	const page = await sdk.v2.core.eventDestinations.list({
		limit: 100,
		include: ['webhook_endpoint.url'],
	});
	return page.data as unknown as DestinationView[];
}

function endpointsAtStripe() {
	return sandbox.state.listObjects('webhook_endpoint');
}

function wire(): string[] {
	return sandbox.requests().map((request) => `${request.method} ${request.path}`);
}

beforeEach(async () => {
	sandbox = await startSandbox();
	sdk = sandboxStripe(sandbox);
});

afterEach(async () => {
	for (const harness of harnesses.splice(0)) await harness.close();
	await sandbox.close();
});

describe('activation with an event destination', () => {
	it('registers one thin destination for connected accounts as the SDK would, and stores its secret', async () => {
		const harness = await trigger({
			source: 'connect',
			events: ['payout.failed', 'charge.dispute.created'],
			eventPayload: 'thin',
		});
		await harness.activate();

		const [listEndpoints, listDestinations, create] = sandbox.requests();
		expect(wire()).toEqual([
			'GET /v1/webhook_endpoints',
			'GET /v2/core/event_destinations',
			'POST /v2/core/event_destinations',
		]);
		expect(listEndpoints.rawQuery).toBe('limit=100');
		expect(listDestinations.rawQuery).toBe('limit=100&include[0]=webhook_endpoint.url');
		expect(create.headers['content-type']).toBe('application/json');
		expect(create.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(create.headers['stripe-version']).toBe(TESTED_STRIPE_API_VERSION);
		const body = {
			name: 'n8n Stripe Connect Trigger',
			description: 'n8n Stripe Connect Trigger (connected accounts, thin events)',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			events_from: ['@accounts'],
			enabled_events: ['v1.charge.dispute.created', 'v1.payout.failed'],
			webhook_endpoint: { url: harness.webhookUrl },
			metadata: { n8n_stripe_connect_trigger_source: 'connect' },
			include: ['webhook_endpoint.signing_secret'],
		};
		expect(create.rawBody).toBe(JSON.stringify(body));

		const stored = storedDestination(harness);
		expect(stored).toEqual({
			id: expect.stringMatching(/^ed_/) as string,
			secret: expect.stringMatching(/^whsec_/) as string,
			url: harness.webhookUrl,
			payload: 'thin',
		});
		expect(harness.nodeStaticData.endpoints).toEqual({});

		// The stripe SDK sends the same list and create requests.
		sandbox.clearRequests();
		await sdk.v2.core.eventDestinations.list({ limit: 100, include: ['webhook_endpoint.url'] });
		const made = await sdk.v2.core.eventDestinations.create(
			body as Stripe.V2.Core.EventDestinationCreateParams,
		);
		const [sdkList, sdkCreate] = sandbox.requests();
		expect(sdkList.rawQuery).toBe(listDestinations.rawQuery);
		expect(sdkCreate.rawBody).toBe(create.rawBody);
		expect(sdkCreate.headers['stripe-version']).toBe(create.headers['stripe-version']);
		await sdk.v2.core.eventDestinations.del(made.id);

		expect(await destinationsAtStripe()).toMatchObject([
			{
				id: stored.id,
				status: 'enabled',
				event_payload: 'thin',
				events_from: ['@accounts'],
				enabled_events: ['v1.charge.dispute.created', 'v1.payout.failed'],
				webhook_endpoint: { url: harness.webhookUrl },
			},
		]);
	});

	it('pins a snapshot destination to the credential API version and takes events from the platform', async () => {
		const harness = await trigger({
			source: 'platform',
			events: ['transfer.created'],
			eventPayload: 'snapshot',
		});
		await harness.activate();

		const [create] = sandbox.requests({ method: 'POST', path: '/v2/core/event_destinations' });
		expect(JSON.parse(create.rawBody)).toMatchObject({
			event_payload: 'snapshot',
			events_from: ['@self'],
			enabled_events: ['transfer.created'],
			snapshot_api_version: TESTED_STRIPE_API_VERSION,
			metadata: { n8n_stripe_connect_trigger_source: 'platform' },
		});
		expect(storedDestination(harness).payload).toBe('snapshot');
		expect(await destinationsAtStripe()).toMatchObject([
			{ snapshot_api_version: TESTED_STRIPE_API_VERSION, events_from: ['@self'] },
		]);
	});

	it('takes events from the platform and its connected accounts with one destination for "both"', async () => {
		const harness = await trigger({ source: 'both', events: ['*'], eventPayload: 'thin' });
		await harness.activate();

		const [create] = sandbox.requests({ method: 'POST', path: '/v2/core/event_destinations' });
		expect(JSON.parse(create.rawBody)).toMatchObject({
			description: 'n8n Stripe Connect Trigger (platform and connected accounts, thin events)',
			events_from: ['@accounts', '@self'],
			enabled_events: ['*'],
		});
		expect(create.rawBody).not.toContain('snapshot_api_version');
		expect(await destinationsAtStripe()).toHaveLength(1);
	});

	it('reuses its destination when the workflow is activated again, without creating another', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const first = storedDestination(harness);
		sandbox.clearRequests();

		await harness.activate('init');

		expect(wire()).toEqual([`GET /v2/core/event_destinations/${first.id}`]);
		expect(sandbox.requests()[0].rawQuery).toBe('include[0]=webhook_endpoint.url');
		expect(storedDestination(harness)).toEqual(first);
		expect((await destinationsAtStripe()).map((destination) => destination.id)).toEqual([first.id]);
	});

	it('updates the events of the destination it holds when re-published with other events', async () => {
		const harness = await trigger({
			source: 'connect',
			events: ['payout.failed'],
			eventPayload: 'thin',
		});
		await harness.activate();
		const first = storedDestination(harness);
		sandbox.clearRequests();

		harness.setParameters({
			delivery: 'eventDestination',
			source: 'connect',
			events: ['payout.failed', 'account.updated'],
			eventPayload: 'thin',
		});
		await harness.activate('update');

		const updates = sandbox.requests({
			method: 'POST',
			path: `/v2/core/event_destinations/${first.id}`,
		});
		expect(updates.map((update) => update.rawBody)).toEqual([
			JSON.stringify({ enabled_events: ['v1.account.updated', 'v1.payout.failed'] }),
		]);
		expect(updates[0].headers['content-type']).toBe('application/json');
		expect(sandbox.requests({ method: 'POST', path: '/v2/core/event_destinations' })).toEqual([]);
		expect(sandbox.requests({ method: 'DELETE' })).toEqual([]);
		expect(storedDestination(harness)).toEqual(first);
		expect(await destinationsAtStripe()).toMatchObject([
			{ id: first.id, enabled_events: ['v1.account.updated', 'v1.payout.failed'] },
		]);
	});

	it('re-enables its destination when it was disabled', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const { id } = storedDestination(harness);
		await sdk.v2.core.eventDestinations.disable(id);
		sandbox.clearRequests();

		await harness.activate('init');

		expect(wire()).toEqual([
			`GET /v2/core/event_destinations/${id}`,
			'GET /v1/webhook_endpoints',
			'GET /v2/core/event_destinations',
			`POST /v2/core/event_destinations/${id}/enable`,
		]);
		expect(sandbox.requests()[3].rawBody).toBe('{}');
		expect(await destinationsAtStripe()).toMatchObject([{ id, status: 'enabled' }]);
	});

	it('replaces a destination at its URL whose secret it no longer holds, instead of adding one', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const lost = storedDestination(harness);

		// The same workflow (same webhook URL) with its static data lost, e.g. re-imported.
		harness.savedStaticData = {};
		sandbox.clearRequests();
		await harness.activate();

		expect(wire()).toEqual([
			'GET /v1/webhook_endpoints',
			'GET /v2/core/event_destinations',
			`DELETE /v2/core/event_destinations/${lost.id}`,
			'POST /v2/core/event_destinations',
		]);
		const atStripe = await destinationsAtStripe();
		expect(atStripe.map((destination) => destination.id)).toEqual([storedDestination(harness).id]);
		expect(atStripe[0].id).not.toBe(lost.id);
	});

	it('replaces its destination when what Stripe cannot update changes: payload, source, API version', async () => {
		const harness = await trigger({
			source: 'connect',
			events: ['payout.failed'],
			eventPayload: 'snapshot',
		});
		await harness.activate();
		const seen = [storedDestination(harness).id];
		const destinationWith = (source: string, eventPayload: string) => () =>
			harness.setParameters({
				delivery: 'eventDestination',
				source,
				events: ['payout.failed'],
				eventPayload,
			});
		const changes: Array<() => void> = [
			destinationWith('connect', 'thin'),
			destinationWith('both', 'thin'),
			destinationWith('both', 'snapshot'),
			() =>
				harness.setCredentials(sandboxCredentials(sandbox, { apiVersion: '2025-09-30.clover' })),
		];
		for (const change of changes) {
			change();
			await harness.activate('update');
			const atStripe = await destinationsAtStripe();
			expect(atStripe).toHaveLength(1);
			expect(seen).not.toContain(atStripe[0].id);
			expect(atStripe[0].id).toBe(storedDestination(harness).id);
			seen.push(atStripe[0].id);
		}
		expect(await destinationsAtStripe()).toMatchObject([
			{
				event_payload: 'snapshot',
				events_from: ['@accounts', '@self'],
				snapshot_api_version: '2025-09-30.clover',
			},
		]);
	});

	it('switches from webhook endpoints to a destination and back, deleting what the other left by id', async () => {
		const harness = await trigger({ delivery: 'webhookEndpoints', source: 'both', events: ['*'] });
		await harness.activate();
		const endpoints = harness.nodeStaticData.endpoints as Record<string, { id: string }>;
		expect(endpointsAtStripe()).toHaveLength(2);
		sandbox.clearRequests();

		harness.setParameters({ delivery: 'eventDestination', source: 'both', events: ['*'] });
		await harness.activate('update');

		expect(
			sandbox
				.requests({ method: 'DELETE' })
				.map((request) => request.path)
				.sort(),
		).toEqual(
			[
				`/v1/webhook_endpoints/${endpoints.connect.id}`,
				`/v1/webhook_endpoints/${endpoints.platform.id}`,
			].sort(),
		);
		expect(endpointsAtStripe()).toHaveLength(0);
		expect(harness.nodeStaticData.endpoints).toEqual({});
		const destination = storedDestination(harness);
		expect(await destinationsAtStripe()).toHaveLength(1);
		sandbox.clearRequests();

		harness.setParameters({ delivery: 'webhookEndpoints', source: 'both', events: ['*'] });
		await harness.activate('update');

		expect(sandbox.requests({ method: 'DELETE' }).map((request) => request.path)).toEqual([
			`/v2/core/event_destinations/${destination.id}`,
		]);
		// Webhook endpoints work with restricted keys, which cannot call API v2: no list of destinations.
		expect(sandbox.requests({ method: 'GET', path: '/v2/core/event_destinations' })).toEqual([]);
		expect(harness.nodeStaticData.destination).toBeUndefined();
		expect(endpointsAtStripe()).toHaveLength(2);
		expect(await destinationsAtStripe()).toEqual([]);
	});

	it('removes a webhook endpoint at its URL left without its secret, so only the destination delivers', async () => {
		const harness = await trigger({
			delivery: 'webhookEndpoints',
			source: 'connect',
			events: ['*'],
		});
		await harness.activate();
		harness.savedStaticData = {};

		harness.setParameters({ delivery: 'eventDestination', source: 'connect', events: ['*'] });
		await harness.activate();

		expect(endpointsAtStripe()).toHaveLength(0);
		expect(await destinationsAtStripe()).toHaveLength(1);
	});

	it('leaves destinations and endpoints for other URLs alone', async () => {
		const other = await trigger({ source: 'connect', events: ['payout.failed'] });
		await other.activate();
		const othersDestination = storedDestination(other).id;
		const otherEndpoints = await trigger(
			{ delivery: 'webhookEndpoints', source: 'connect', events: ['payout.failed'] },
			{ webhookId: 'a6c2b0de-5d8f-4c3e-9b11-0e7f2a4c8d21' },
		);
		await otherEndpoints.activate();

		const harness = await trigger(
			{ source: 'both', events: ['payout.failed'] },
			{ webhookId: '9d0c2a4e-7f6b-4e38-8a21-5c4b3a291f00' },
		);
		await harness.activate();
		await harness.deactivate();

		expect((await destinationsAtStripe()).map((destination) => destination.id)).toEqual([
			othersDestination,
		]);
		expect(endpointsAtStripe()).toHaveLength(1);
	});

	it('never holds more than one destination over repeated activations, with or without its static data', async () => {
		const harness = await trigger({ source: 'both', events: ['payout.failed'] });
		for (let round = 0; round < 10; round += 1) {
			if (round % 2 === 1) harness.savedStaticData = {};
			await harness.activate(round % 3 === 0 ? 'activate' : 'init');
			expect(await destinationsAtStripe()).toHaveLength(1);
			if (round % 4 === 0) await harness.deactivate();
		}
	});

	it('registers a test listener at the test URL and removes it without touching the production destination', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const production = storedDestination(harness);

		for (const staticData of ['empty', 'copy'] as const) {
			const listener = await harness.listenForTestEvent({ staticData });
			const urls = (await destinationsAtStripe()).map(
				(destination) => destination.webhook_endpoint.url,
			);
			expect(urls.sort()).toEqual([harness.webhookUrl, listener.webhookUrl].sort());
			await listener.stop();
			expect(await destinationsAtStripe()).toMatchObject([
				{ id: production.id, webhook_endpoint: { url: harness.webhookUrl } },
			]);
		}
		expect(storedDestination(harness)).toEqual(production);
	});

	it('refuses a Delivery, Event Payload, Source or option it does not offer, naming the field, before any request', async () => {
		const refused: Array<[Record<string, unknown>, RegExp]> = [
			[
				{ delivery: 'EventDestination' },
				/^"Delivery" is "EventDestination"\. Choose one of: Webhook Endpoints \(webhookEndpoints\), Event Destination \(eventDestination\)\.$/,
			],
			[{ delivery: '' }, /^"Delivery" is ""/],
			[
				{ eventPayload: 'Thin' },
				/^"Event Payload" is "Thin"\. Choose one of: Snapshot \(snapshot\), Thin \(thin\)\.$/,
			],
			[{ eventPayload: null }, /^"Event Payload" is null/],
			[
				{ eventPayload: 'thin', options: { fetchRelatedObject: 'true' } },
				/^Fetch Related Object is "true"\. Turn it on or off \(true or false\)\.$/,
			],
			[
				{ source: 'accounts' },
				/^"Source" is "accounts"\. Choose one of: Connected Accounts \(connect\), Platform Account \(platform\), Both \(both\)\.$/,
			],
		];
		for (const [parameters, message] of refused) {
			const harness = await trigger({
				source: 'connect',
				events: ['payout.failed'],
				...parameters,
			});
			await expect(harness.activate(), JSON.stringify(parameters)).rejects.toThrow(message);
		}
		expect(sandbox.requests()).toEqual([]);
	});

	it("names the field to fix when Stripe refuses the destination's events (a v2 error)", async () => {
		const harness = await trigger({
			source: 'connect',
			events: ['payout.*'],
			eventPayload: 'thin',
		});

		const refusal = (await harness.activate().catch((error: unknown) => error)) as NodeApiError;

		const [refused] = sandbox.requests({ method: 'POST', path: '/v2/core/event_destinations' });
		expect(refused.status).toBe(400);
		expect(refused.responseBody).toMatchObject({
			error: { code: 'invalid_fields', param: 'enabled_events' },
		});
		expect(refusal).toBeInstanceOf(NodeApiError);
		expect(refusal.message).toMatch(
			/^Stripe POST \/v2\/core\/event_destinations failed \(400\): Invalid event type "v1\.payout\.\*" for a thin destination/,
		);
		expect(refusal.description).toContain(
			'Fix: Check the "Trigger On" field (Stripe parameter "enabled_events").',
		);
		expect(refusal.description).toContain(`Request ID: ${refused.requestId}`);
		expect(harness.nodeStaticData.destination).toBeUndefined();
	});

	it("reports Stripe's v2 refusal with the failed call and Stripe's message", async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'POST', path: '/v2/core/event_destinations' },
		});

		const refusal = (await harness.activate().catch((error: unknown) => error)) as NodeApiError;

		expect(refusal).toBeInstanceOf(NodeApiError);
		expect(refusal.message).toBe(
			'Stripe POST /v2/core/event_destinations failed (500): An unknown error occurred',
		);
		expect(refusal.description).toContain('Type: api_error');
		expect(harness.nodeStaticData.destination).toBeUndefined();
	});
});

describe('listing event destinations', () => {
	it('follows every page by its next_page_url', async () => {
		for (let index = 0; index < 5; index += 1) {
			await sdk.v2.core.eventDestinations.create({
				name: `elsewhere ${index}`,
				type: 'webhook_endpoint',
				event_payload: 'thin',
				enabled_events: ['v1.payout.failed'],
				webhook_endpoint: { url: `https://elsewhere.example/hook/${index}` },
			});
		}
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		sandbox.clearRequests();

		const listed = await harness.withHookContext(async (context) =>
			listAllEventDestinations(context, 2),
		);

		expect(listed).toHaveLength(5);
		expect(listed.map((destination) => destination.webhook_endpoint?.url).sort()).toEqual(
			[0, 1, 2, 3, 4].map((index) => `https://elsewhere.example/hook/${index}`),
		);
		const pages = sandbox.requests({ method: 'GET', path: '/v2/core/event_destinations' });
		expect(pages).toHaveLength(3);
		expect(pages[0].rawQuery).toBe('limit=2&include[0]=webhook_endpoint.url');
		expect(pages.slice(1).every((page) => /^page=[A-Za-z0-9_-]+$/.test(page.rawQuery))).toBe(true);
	});

	it('follows a next page only on the destinations list', () => {
		expect(nextDestinationsPage(null)).toBeUndefined();
		expect(nextDestinationsPage('/v2/core/event_destinations?page=abc')).toBe(
			'/v2/core/event_destinations?page=abc',
		);
		for (const elsewhere of [
			'https://attacker.example/v2/core/event_destinations?page=abc',
			'//attacker.example/v2/core/event_destinations',
			'/v2/core/events?page=abc',
			'/v2/core/event_destinations/../accounts?page=abc',
		]) {
			expect(() => nextDestinationsPage(elsewhere), elsewhere).toThrow(/does not follow/);
		}
	});
});

describe('deactivation with an event destination', () => {
	it('deletes its destination by id and forgets it', async () => {
		const harness = await trigger({ source: 'both', events: ['payout.failed'] });
		await harness.activate();
		const { id } = storedDestination(harness);
		sandbox.clearRequests();

		await harness.deactivate();

		expect(wire()).toEqual([`DELETE /v2/core/event_destinations/${id}`]);
		expect(harness.nodeStaticData.destination).toBeUndefined();
		expect(await destinationsAtStripe()).toEqual([]);
	});

	it("deletes its destination by id after n8n's URL changed", async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const { id } = storedDestination(harness);
		harness.setPublicUrl('https://n8n.example.com');
		sandbox.clearRequests();

		await harness.deactivate();

		expect(wire()).toEqual([`DELETE /v2/core/event_destinations/${id}`]);
		expect(await destinationsAtStripe()).toEqual([]);
	});

	it('treats a destination already deleted at Stripe as gone', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		await sdk.v2.core.eventDestinations.del(storedDestination(harness).id);

		await harness.deactivate();

		expect(harness.nodeStaticData.destination).toBeUndefined();
		expect(harness.logs.filter((line) => line.level === 'error')).toEqual([]);
	});

	it('logs a failed delete and keeps the destination, so the next activation reuses it', async () => {
		const harness = await trigger({ source: 'connect', events: ['payout.failed'] });
		await harness.activate();
		const kept = storedDestination(harness);
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'DELETE', path: `/v2/core/event_destinations/${kept.id}` },
		});

		await harness.deactivate();

		expectFailedDeleteLogged(harness, kept);
		expect(storedDestination(harness)).toEqual(kept);

		sandbox.clearRequests();
		await harness.activate();
		expect(sandbox.requests({ method: 'POST', path: '/v2/core/event_destinations' })).toEqual([]);
		expect((await destinationsAtStripe()).map((destination) => destination.id)).toEqual([kept.id]);
	});
});
