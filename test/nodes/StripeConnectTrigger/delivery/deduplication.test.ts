/**
 * One execution per event when deliveries overlap. The harness models how n8n 2.41.1 loads the
 * workflow's static data for every webhook request and saves it whole afterwards (see
 * WorkflowStaticDataStore in test/harness/trigger/staticDataStore.ts); `store.overlapNext(n)`
 * makes n requests all load before any runs the node, as requests arriving together do in n8n.
 * Another n8n process (queue mode: the main and a webhook processor) is a second harness on the
 * same store with the trigger from its own module instance.
 */
import Stripe from 'stripe';
import type { INodeType } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { startSandbox } from '../../../../stripe-sandbox';
import type { RecordedRequest, StripeSandbox } from '../../../../stripe-sandbox';
import { sandboxCredentials, startTriggerHarness } from '../../../harness/runTrigger';
import type { HandledDelivery, TriggerHarness } from '../../../harness/runTrigger';
import { recordedThinEvent, sandboxStripe, thinEventBody } from '../sandboxEvents';
import { ATTEMPTS_OF_A_FAILING_CALL } from '../support';

const stripe = new Stripe('sk_test_deduplicationSigner000');

let sandbox: StripeSandbox;
let harnesses: TriggerHarness[] = [];

beforeEach(async () => {
	sandbox = await startSandbox();
});

afterEach(async () => {
	for (const harness of harnesses) await harness.close();
	harnesses = [];
	await sandbox.close();
});

async function activeTrigger(options: Record<string, unknown> = {}): Promise<TriggerHarness> {
	const harness = await startTriggerHarness({
		parameters: { source: 'connect', events: ['*'], options } as never,
		credentials: sandboxCredentials(sandbox),
	});
	harnesses.push(harness);
	await harness.activate();
	return harness;
}

/** The same workflow served by another n8n process (its own module state, the same database). */
async function anotherProcess(harness: TriggerHarness): Promise<TriggerHarness> {
	vi.resetModules();
	const module = await import('../../../../nodes/StripeConnectTrigger/StripeConnectTrigger.node');
	const other = await harness.anotherProcess(new module.StripeConnectTrigger() as INodeType);
	harnesses.push(other);
	return other;
}

let eventCount = 0;

/** A payout.failed event of a connected account, as Stripe would send it. */
function payoutFailedEvent(): string {
	eventCount += 1;
	const suffix = String(eventCount).padStart(6, '0');
	return JSON.stringify({
		id: `evt_1Dedup${suffix}`,
		object: 'event',
		type: 'payout.failed',
		account: 'acct_1DedupSeller',
		created: 1_790_000_000,
		data: { object: { id: `po_1Dedup${suffix}`, object: 'payout', amount: 900 } },
	});
}

/** A payout.paid event of a payout the sandbox holds on a new connected account. */
function paidPayoutEvent(id: string): { body: string; payout: { id: string } } {
	const account = sandbox.state.createConnectedAccount({}).id as string;
	const payout = sandbox.state.createManualPayout({ account, amount: 700, currency: 'eur' });
	const body = JSON.stringify({
		id,
		object: 'event',
		type: 'payout.paid',
		account,
		data: { object: { id: payout.id, object: 'payout' } },
	});
	return { body, payout };
}

function idOf(body: string): string {
	return (JSON.parse(body) as { id: string }).id;
}

/** Signs a body with the trigger's stored endpoint secret, now, as Stripe signs each attempt. */
function signed(harness: TriggerHarness, body: string): Record<string, string> {
	const endpoints = harness.nodeStaticData.endpoints as Record<string, { secret: string }>;
	const header = stripe.webhooks.generateTestHeaderString({
		payload: body,
		secret: endpoints.connect.secret,
	});
	return { 'stripe-signature': header };
}

function savedIds(harness: TriggerHarness): string[] {
	return (harness.nodeStaticData.seenEventIds as string[] | undefined) ?? [];
}

function executionsOf(harnesses: TriggerHarness[], eventId: string): HandledDelivery[] {
	return harnesses
		.flatMap((harness) => harness.executions)
		.filter((execution) => execution.items[0]?.json.id === eventId);
}

/**
 * The SDK, sending the same update with our claim's key, gets the replay of our claim (so the claim
 * ran once at Stripe), and sent the same path, body and key.
 */
async function expectClaimAsTheSdkSends(
	ours: RecordedRequest,
	send: (sdk: Stripe, idempotencyKey: string) => Promise<{ lastResponse: { headers: object } }>,
): Promise<void> {
	sandbox.clearRequests();
	const replayed = await send(sandboxStripe(sandbox), String(ours.idempotencyKey));
	const [theirs] = sandbox.requests({ method: 'POST' });

	expect((replayed.lastResponse.headers as Record<string, string>)['idempotent-replayed']).toBe(
		'true',
	);
	expect({ path: ours.path, rawBody: ours.rawBody, key: ours.idempotencyKey }).toEqual({
		path: theirs.path,
		rawBody: theirs.rawBody,
		key: theirs.idempotencyKey,
	});
	expect(ours.headers['stripe-version']).toBe(theirs.headers['stripe-version']);
}

describe('in one n8n process', () => {
	it('starts one execution when the same event arrives twice at the same moment', async () => {
		const trigger = await activeTrigger();
		const body = payoutFailedEvent();
		trigger.store.overlapNext(2);

		const answers = await Promise.all([
			trigger.send(body, signed(trigger, body)),
			trigger.send(body, signed(trigger, body)),
		]);

		expect(answers.map((answer) => [answer.status, answer.responseBody])).toEqual([
			[200, ''],
			[200, ''],
		]);
		expect(answers.filter((answer) => answer.started)).toHaveLength(1);
		expect(executionsOf([trigger], idOf(body))).toHaveLength(1);
		expect(savedIds(trigger)).toEqual([idOf(body)]);
	});

	it('keeps both ids when two different events arrive at the same moment, so their retries start nothing', async () => {
		const trigger = await activeTrigger();
		const first = payoutFailedEvent();
		const second = payoutFailedEvent();
		trigger.store.overlapNext(2);

		await Promise.all([
			trigger.send(first, signed(trigger, first)),
			trigger.send(second, signed(trigger, second)),
		]);
		expect(trigger.executions).toHaveLength(2);
		expect([...savedIds(trigger)].sort()).toEqual([idOf(first), idOf(second)].sort());

		await trigger.post(first, signed(trigger, first));
		await trigger.post(second, signed(trigger, second));
		expect(trigger.executions).toHaveLength(2);
	});

	it('starts each of 25 events once when 75 deliveries of them arrive together', async () => {
		const trigger = await activeTrigger();
		const bodies = Array.from({ length: 25 }, () => payoutFailedEvent());
		const deliveries = bodies.flatMap((body) => [body, body, body]);
		trigger.store.overlapNext(deliveries.length);

		const answers = await Promise.all(
			deliveries.map((body) => trigger.send(body, signed(trigger, body))),
		);

		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		for (const body of bodies) expect(executionsOf([trigger], idOf(body))).toHaveLength(1);
		expect(trigger.executions).toHaveLength(25);
		expect([...savedIds(trigger)].sort()).toEqual(bodies.map(idOf).sort());
	});

	it('restores an id that a save landing out of order overwrote, and never starts its retry', async () => {
		const trigger = await activeTrigger();
		const first = payoutFailedEvent();
		const second = payoutFailedEvent();
		trigger.store.overlapNext(2, { saveOrder: 'reversed' });

		await Promise.all([
			trigger.send(first, signed(trigger, first)),
			trigger.send(second, signed(trigger, second)),
		]);
		// The save of the request that returned first landed last: the database lost an id.
		expect(savedIds(trigger)).toHaveLength(1);
		const lost = [idOf(first), idOf(second)].find((id) => !savedIds(trigger).includes(id))!;
		const lostBody = lost === idOf(first) ? first : second;

		const retry = await trigger.post(lostBody, signed(trigger, lostBody));

		expect(retry).toMatchObject({ status: 200, started: false });
		expect(trigger.executions).toHaveLength(2);
		expect([...savedIds(trigger)].sort()).toEqual([idOf(first), idOf(second)].sort());
	});

	it('makes a second delivery wait while the first fetches the latest object, then starts nothing', async () => {
		const trigger = await activeTrigger({ fetchLatestObject: true });
		const { body, payout } = paidPayoutEvent('evt_1SlowFetch');
		sandbox.setLatency(300);

		const answers = await Promise.all([
			trigger.send(body, signed(trigger, body)),
			trigger.send(body, signed(trigger, body)),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect(sandbox.requests({ method: 'GET', path: `/v1/payouts/${payout.id}` })).toHaveLength(1);
	});

	it('lets the waiting delivery start the event when the first one could not fetch the latest object', async () => {
		const trigger = await activeTrigger({ fetchLatestObject: true });
		const { body, payout } = paidPayoutEvent('evt_1FirstFetchFails');
		sandbox.setLatency(200);
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'GET', path: `/v1/payouts/${payout.id}` },
		});

		const answers = await Promise.all([
			trigger.send(body, signed(trigger, body)),
			trigger.send(body, signed(trigger, body)),
		]);

		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 500]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json.latestObject).toMatchObject({ id: payout.id });
		expect(savedIds(trigger)).toEqual(['evt_1FirstFetchFails']);
	});

	it('starts nothing when Stripe delivers an event again after 1,500 newer ones', async () => {
		// A 2xx lost on the way back (Stripe stopped waiting after n8n had the execution) makes Stripe
		// deliver the event again minutes to days later, after any number of other events.
		const trigger = await activeTrigger();
		const early = payoutFailedEvent();
		await trigger.post(early, signed(trigger, early));
		for (let index = 0; index < 1500; index += 1) {
			const later = payoutFailedEvent();
			await trigger.post(later, signed(trigger, later));
		}
		expect(savedIds(trigger)).toHaveLength(1000);
		expect(savedIds(trigger)).not.toContain(idOf(early));

		const retry = await trigger.post(early, signed(trigger, early));

		expect(retry).toMatchObject({ status: 200, started: false });
		expect(executionsOf([trigger], idOf(early))).toHaveLength(1);
		expect(trigger.executions).toHaveLength(1501);
	}, 120_000);

	it('remembers across a restart the ids n8n saved', async () => {
		const trigger = await activeTrigger();
		const body = payoutFailedEvent();
		await trigger.post(body, signed(trigger, body));

		const restarted = await anotherProcess(trigger);
		await trigger.close();
		harnesses = harnesses.filter((harness) => harness !== trigger);
		const retry = await restarted.post(body, signed(restarted, body));

		expect(retry).toMatchObject({ status: 200, started: false });
		expect(executionsOf([trigger, restarted], idOf(body))).toHaveLength(1);
	});
});

describe('across n8n processes (queue mode: main and webhook processor)', () => {
	it('without the claim at Stripe, both processes start an event delivered to each at the same moment (the documented limit)', async () => {
		const main = await activeTrigger();
		const webhookProcessor = await anotherProcess(main);
		const body = payoutFailedEvent();
		main.store.overlapNext(2);

		await Promise.all([
			main.send(body, signed(main, body)),
			webhookProcessor.send(body, signed(main, body)),
		]);

		expect(executionsOf([main, webhookProcessor], idOf(body))).toHaveLength(2);
		expect(sandbox.requests({ method: 'POST', path: /^\/v1\/webhook_endpoints\/we_/ })).toEqual([]);
	});

	it('restores an id the other process overwrote with the next delivery it handles', async () => {
		const main = await activeTrigger();
		const webhookProcessor = await anotherProcess(main);
		const first = payoutFailedEvent();
		const second = payoutFailedEvent();
		main.store.overlapNext(2);

		await Promise.all([
			main.send(first, signed(main, first)),
			webhookProcessor.send(second, signed(main, second)),
		]);
		expect(savedIds(main)).toEqual([idOf(second)]);

		const third = payoutFailedEvent();
		await main.post(third, signed(main, third));

		expect(savedIds(main)).toEqual([idOf(second), idOf(first), idOf(third)]);
		await webhookProcessor.post(first, signed(main, first));
		expect(executionsOf([main, webhookProcessor], idOf(first))).toHaveLength(1);
	});

	it('with "Deduplicate Across Processes", starts an event delivered to both at the same moment once', async () => {
		const main = await activeTrigger({ deduplicateAcrossProcesses: true });
		const webhookProcessor = await anotherProcess(main);
		const body = payoutFailedEvent();
		const endpointId = (main.nodeStaticData.endpoints as Record<string, { id: string }>).connect.id;
		sandbox.clearRequests();
		main.store.overlapNext(2);

		const answers = await Promise.all([
			main.send(body, signed(main, body)),
			webhookProcessor.send(body, signed(main, body)),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(executionsOf([main, webhookProcessor], idOf(body))).toHaveLength(1);
		const claims = sandbox.requests({
			method: 'POST',
			path: `/v1/webhook_endpoints/${endpointId}`,
		});
		expect(claims.length).toBeGreaterThanOrEqual(2);
		for (const claim of claims) {
			expect(claim.idempotencyKey).toBe(`n8n-event-claim:${endpointId}:${idOf(body)}`);
			expect(claim.rawBody).toBe('');
			expect(claim.headers['content-type']).toBe('application/x-www-form-urlencoded');
			expect(claim.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		}
		expect(claims.filter((claim) => claim.status === 200)).toHaveLength(claims.length);
		// Both processes remember the event: its retries start nothing in either.
		await main.post(body, signed(main, body));
		await webhookProcessor.post(body, signed(main, body));
		expect(executionsOf([main, webhookProcessor], idOf(body))).toHaveLength(1);
	});

	it('claims the way the stripe SDK sends an idempotent endpoint update', async () => {
		const main = await activeTrigger({ deduplicateAcrossProcesses: true });
		const endpointId = (main.nodeStaticData.endpoints as Record<string, { id: string }>).connect.id;
		const body = payoutFailedEvent();
		sandbox.clearRequests();
		await main.post(body, signed(main, body));
		const [ours] = sandbox.requests({ method: 'POST' });

		await expectClaimAsTheSdkSends(ours, (sdk, idempotencyKey) =>
			sdk.webhookEndpoints.update(endpointId, {}, { idempotencyKey }),
		);
	});

	it('starts the event anyway when Stripe cannot answer the claim, and says so', async () => {
		const main = await activeTrigger({ deduplicateAcrossProcesses: true });
		const endpointId = (main.nodeStaticData.endpoints as Record<string, { id: string }>).connect.id;
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'POST', path: `/v1/webhook_endpoints/${endpointId}` },
		});
		const body = payoutFailedEvent();

		const answer = await main.post(body, signed(main, body));

		expect(answer).toMatchObject({ status: 200, started: true });
		expect(
			main.logs.some(
				(line) =>
					line.level === 'warn' &&
					line.message.includes(
						`could not claim event ${idOf(body)} at Stripe and starts it anyway`,
					),
			),
		).toBe(true);
	});

	it('answers 409 and remembers nothing while another claim stays in progress, so the retry starts it', async () => {
		const main = await activeTrigger({ deduplicateAcrossProcesses: true });
		const endpointId = (main.nodeStaticData.endpoints as Record<string, { id: string }>).connect.id;
		sandbox.injectFaults({
			status: 409,
			times: 6,
			match: { method: 'POST', path: `/v1/webhook_endpoints/${endpointId}` },
		});
		const body = payoutFailedEvent();

		const deferred = await main.post(body, signed(main, body));
		expect(deferred).toMatchObject({ status: 409, started: false });
		expect(savedIds(main)).toEqual([]);
		expect(
			sandbox.requests({ method: 'POST', path: `/v1/webhook_endpoints/${endpointId}` }),
		).toHaveLength(6);

		const retry = await main.post(body, signed(main, body));
		expect(retry).toMatchObject({ status: 200, started: true });
		expect(savedIds(main)).toEqual([idOf(body)]);
	});
});

describe('thin events through an event destination', () => {
	/** A thin trigger, activated after the test recorded its event (so Stripe did not deliver it). */
	async function thinTrigger(options: Record<string, unknown> = {}): Promise<TriggerHarness> {
		const harness = await startTriggerHarness({
			parameters: {
				delivery: 'eventDestination',
				eventPayload: 'thin',
				source: 'connect',
				events: ['payout.failed'],
				options,
			} as never,
			credentials: sandboxCredentials(sandbox),
		});
		harnesses.push(harness);
		await harness.activate();
		sandbox.clearRequests();
		return harness;
	}

	function signedForDestination(harness: TriggerHarness, body: string): Record<string, string> {
		const { secret } = harness.nodeStaticData.destination as { secret: string };
		return {
			'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
		};
	}

	it('fetches and starts a thin event once when two deliveries of it arrive at the same moment', async () => {
		const event = await recordedThinEvent(sandbox);
		const trigger = await thinTrigger({ fetchRelatedObject: true });
		const body = thinEventBody(event);
		sandbox.setLatency(200);
		trigger.store.overlapNext(2);

		const answers = await Promise.all([
			trigger.send(body, signedForDestination(trigger, body)),
			trigger.send(body, signedForDestination(trigger, body)),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(executionsOf([trigger], event.id)).toHaveLength(1);
		expect(sandbox.requests({ method: 'GET', path: `/v2/core/events/${event.id}` })).toHaveLength(
			1,
		);
		expect(sandbox.requests({ method: 'GET', path: `/v1/payouts/${event.payout}` })).toHaveLength(
			1,
		);
		expect(savedIds(trigger)).toEqual([event.id]);
	});

	it('lets the waiting delivery start the event when the first one could not fetch it', async () => {
		const event = await recordedThinEvent(sandbox);
		const trigger = await thinTrigger();
		const body = thinEventBody(event);
		sandbox.setLatency(200);
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'GET', path: `/v2/core/events/${event.id}` },
		});

		const answers = await Promise.all([
			trigger.send(body, signedForDestination(trigger, body)),
			trigger.send(body, signedForDestination(trigger, body)),
		]);

		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 500]);
		expect(executionsOf([trigger], event.id)).toHaveLength(1);
		expect(savedIds(trigger)).toEqual([event.id]);
	});

	it('with "Deduplicate Across Processes", claims on its destination through API v2 and starts an event delivered to both processes once', async () => {
		const event = await recordedThinEvent(sandbox);
		const main = await thinTrigger({ deduplicateAcrossProcesses: true });
		const webhookProcessor = await anotherProcess(main);
		const body = thinEventBody(event);
		const { id: destinationId } = main.nodeStaticData.destination as { id: string };
		main.store.overlapNext(2);

		const answers = await Promise.all([
			main.send(body, signedForDestination(main, body)),
			webhookProcessor.send(body, signedForDestination(main, body)),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(executionsOf([main, webhookProcessor], event.id)).toHaveLength(1);
		const claims = sandbox.requests({
			method: 'POST',
			path: `/v2/core/event_destinations/${destinationId}`,
		});
		expect(claims.length).toBeGreaterThanOrEqual(2);
		for (const claim of claims) {
			expect(claim.idempotencyKey).toBe(`n8n-event-claim:${destinationId}:${event.id}`);
			expect(claim.rawBody).toBe('{}');
			expect(claim.headers['content-type']).toBe('application/json');
			expect(claim.headers['stripe-context']).toBeUndefined();
		}
		expect(claims.filter((claim) => claim.status === 200)).toHaveLength(claims.length);
		await main.post(body, signedForDestination(main, body));
		await webhookProcessor.post(body, signedForDestination(main, body));
		expect(executionsOf([main, webhookProcessor], event.id)).toHaveLength(1);
	});

	it('claims the way the stripe SDK sends an idempotent destination update', async () => {
		const event = await recordedThinEvent(sandbox);
		const main = await thinTrigger({ deduplicateAcrossProcesses: true });
		const { id: destinationId } = main.nodeStaticData.destination as { id: string };
		const body = thinEventBody(event);
		await main.post(body, signedForDestination(main, body));
		const [ours] = sandbox.requests({ method: 'POST' });

		await expectClaimAsTheSdkSends(ours, (sdk, idempotencyKey) =>
			sdk.v2.core.eventDestinations.update(destinationId, {}, { idempotencyKey }),
		);
	});

	it('claims after the fetch, so a fetch that fails leaves the claim to the retry', async () => {
		const event = await recordedThinEvent(sandbox);
		const main = await thinTrigger({ deduplicateAcrossProcesses: true });
		const { id: destinationId } = main.nodeStaticData.destination as { id: string };
		const body = thinEventBody(event);
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'GET', path: `/v2/core/events/${event.id}` },
		});

		expect(await main.post(body, signedForDestination(main, body))).toMatchObject({
			status: 500,
			started: false,
		});
		expect(sandbox.requests({ method: 'POST' })).toEqual([]);

		expect(await main.post(body, signedForDestination(main, body))).toMatchObject({
			status: 200,
			started: true,
		});
		expect(
			sandbox.requests({ method: 'POST', path: `/v2/core/event_destinations/${destinationId}` }),
		).toMatchObject([{ status: 200 }]);
	});
});
