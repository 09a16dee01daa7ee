/**
 * Thin events through an event destination: the sandbox delivers a signed thin `v1.payout.failed`
 * (ids only) when a connected account's payout fails; the trigger verifies it, fetches the full event
 * (`/v2/core/events/{id}`) and, when asked, the related payout, both in the event's context, before
 * the workflow starts. A fetch that fails answers 500 and the retry starts the event once.
 */
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../../stripe-sandbox';
import type { RecordedRequest, StripeSandbox, WebhookDelivery } from '../../../stripe-sandbox';
import { TESTED_STRIPE_API_VERSION } from '../../../nodes/shared/stripeApi';
import { sandboxCredentials, startTriggerHarness } from '../../harness/runTrigger';
import type { TriggerHarness } from '../../harness/runTrigger';
import { failingPayout, sandboxStripe } from './sandboxEvents';
import { ATTEMPTS_OF_A_FAILING_CALL } from './support';

const DAY = 86_400;

let sandbox: StripeSandbox;
let harness: TriggerHarness | undefined;

async function thinTrigger(parameters: Record<string, unknown> = {}): Promise<TriggerHarness> {
	harness = await startTriggerHarness({
		parameters: {
			delivery: 'eventDestination',
			eventPayload: 'thin',
			source: 'connect',
			events: ['payout.failed'],
			...parameters,
		} as never,
		credentials: sandboxCredentials(sandbox),
	});
	await harness.activate();
	return harness;
}

function thinDeliveries(): WebhookDelivery[] {
	return sandbox.deliveries().filter((delivery) => delivery.payload === 'thin');
}

/** The fetches the trigger made for one event (the full event, then the related object). */
function fetchesFor(eventId: string): RecordedRequest[] {
	return sandbox
		.requests({ method: 'GET' })
		.filter((request) => request.headers['stripe-request-trigger'] === `event=${eventId}`);
}

beforeEach(async () => {
	sandbox = await startSandbox();
});

afterEach(async () => {
	await harness?.close();
	harness = undefined;
	await sandbox.close();
});

describe('a thin event from a connected account', () => {
	it('starts the workflow once with the full event, its account and context', async () => {
		const trigger = await thinTrigger();
		const { account, payout } = failingPayout(sandbox);

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const [delivery] = thinDeliveries();
		expect(thinDeliveries()).toHaveLength(1);
		expect(delivery).toMatchObject({ type: 'v1.payout.failed', status: 200, account });
		expect(JSON.parse(delivery.rawBody)).not.toHaveProperty('data');
		expect(trigger.executions).toHaveLength(1);
		const [item] = trigger.executions[0].items;
		const snapshotEvent = sandbox.state
			.listObjects('event', account)
			.find((event) => event.type === 'payout.failed');
		expect(item.json).toEqual({
			id: delivery.eventId,
			object: 'v2.core.event',
			type: 'v1.payout.failed',
			context: account,
			created: expect.any(String) as string,
			livemode: false,
			reason: null,
			related_object: { id: payout, type: 'payout', url: `/v1/payouts/${payout}` },
			snapshot_event: snapshotEvent?.id,
			account,
			endpointSource: 'connect',
		});

		const [fetched] = fetchesFor(delivery.eventId);
		expect(fetchesFor(delivery.eventId)).toHaveLength(1);
		expect(fetched).toMatchObject({
			path: `/v2/core/events/${delivery.eventId}`,
			rawQuery: '',
			stripeContext: account,
			stripeAccount: undefined,
			status: 200,
		});
		expect(fetched.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(fetched.headers['stripe-version']).toBe(TESTED_STRIPE_API_VERSION);
	});

	it('adds the related payout, fetched in the event context, when asked to', async () => {
		const trigger = await thinTrigger({ options: { fetchRelatedObject: true } });
		const { account, payout } = failingPayout(sandbox);

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const [delivery] = thinDeliveries();
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json.relatedObject).toMatchObject({
			id: payout,
			object: 'payout',
			status: 'failed',
			failure_code: 'account_closed',
			amount: 12_500,
		});
		const [, related] = fetchesFor(delivery.eventId);
		expect(related).toMatchObject({
			method: 'GET',
			path: `/v1/payouts/${payout}`,
			stripeContext: account,
			status: 200,
		});
	});

	it('fetches the event and its object as the stripe SDK does', async () => {
		const trigger = await thinTrigger({ options: { fetchRelatedObject: true } });
		failingPayout(sandbox);
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();
		const [delivery] = thinDeliveries();
		const ours = fetchesFor(delivery.eventId);
		const secret = (trigger.nodeStaticData.destination as { secret: string }).secret;

		const sdk = sandboxStripe(sandbox);
		const notification = sdk.parseEventNotification(
			delivery.rawBody,
			delivery.signatureHeader,
			secret,
		);
		sandbox.clearRequests();
		await notification.fetchEvent();
		await (
			notification as unknown as { fetchRelatedObject: () => Promise<unknown> }
		).fetchRelatedObject();
		const theirs = sandbox.requests();

		const view = (request: RecordedRequest) => ({
			method: request.method,
			path: request.path,
			query: request.rawQuery,
			body: request.rawBody,
			context: request.headers['stripe-context'],
			account: request.headers['stripe-account'],
			trigger: request.headers['stripe-request-trigger'],
			version: request.headers['stripe-version'],
		});
		expect(ours.map(view)).toEqual(theirs.map(view));
	});

	it('fetches again after a passing 503, by the shared retry policy, and starts the event at once', async () => {
		const trigger = await thinTrigger();
		failingPayout(sandbox);
		sandbox.injectFaults({ status: 503, match: { method: 'GET', path: /^\/v2\/core\/events\// } });

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		expect(thinDeliveries().map((delivery) => delivery.status)).toEqual([200]);
		expect(trigger.executions).toHaveLength(1);
		const fetches = sandbox.requests({ method: 'GET', path: /^\/v2\/core\/events\// });
		expect(fetches.map((fetch) => fetch.status)).toEqual([503, 200]);
	});

	it('answers 500 when the event cannot be fetched, and starts it once when Stripe retries', async () => {
		const trigger = await thinTrigger({ options: { fetchRelatedObject: true } });
		failingPayout(sandbox);
		sandbox.injectFaults({
			status: 503,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'GET', path: /^\/v2\/core\/events\// },
		});

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const [first] = thinDeliveries();
		expect(first.status).toBe(500);
		expect(trigger.executions).toHaveLength(0);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
		expect(
			trigger.logs.some(
				(line) =>
					line.level === 'error' &&
					line.message.includes(`could not fetch the details of thin event ${first.eventId}`) &&
					line.message.includes('503'),
			),
		).toBe(true);

		await sandbox.redeliver(first.eventId);
		await sandbox.redeliver(first.eventId);
		await trigger.idle();

		expect(thinDeliveries().map((delivery) => delivery.status)).toEqual([500, 200, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json).toMatchObject({
			id: first.eventId,
			relatedObject: { status: 'failed' },
		});
		expect(trigger.nodeStaticData.seenEventIds).toEqual([first.eventId]);
	});

	it('answers 500 when the related object cannot be fetched, and starts it once when Stripe retries', async () => {
		const trigger = await thinTrigger({ options: { fetchRelatedObject: true } });
		const { payout } = failingPayout(sandbox);
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'GET', path: `/v1/payouts/${payout}` },
		});

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();
		const [first] = thinDeliveries();
		expect(first.status).toBe(500);
		expect(trigger.executions).toHaveLength(0);

		await sandbox.redeliver(first.eventId);
		await trigger.idle();

		expect(thinDeliveries().map((delivery) => delivery.status)).toEqual([500, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json.relatedObject).toMatchObject({ id: payout });
	});

	it('answers 500 when Stripe has no such event in its context', async () => {
		const trigger = await thinTrigger();
		const account = sandbox.state.createConnectedAccount({}).id as string;
		const stripe = new Stripe('sk_test_thinEventSigner000000');
		const body = JSON.stringify({
			id: 'evt_1NeverRecorded',
			object: 'v2.core.event',
			type: 'v1.payout.failed',
			created: '2026-11-02T10:00:00.000Z',
			context: account,
			livemode: false,
			related_object: { id: 'po_1Gone', type: 'payout', url: '/v1/payouts/po_1Gone' },
		});
		const secret = (trigger.nodeStaticData.destination as { secret: string }).secret;

		const answer = await trigger.post(body, {
			'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
		});

		expect(answer).toMatchObject({ status: 500, started: false });
		expect(fetchesFor('evt_1NeverRecorded')).toMatchObject([
			{ status: 404, stripeContext: account },
		]);
		expect(
			trigger.logs.some((line) =>
				line.message.includes(`Stripe has no event evt_1NeverRecorded in context ${account}`),
			),
		).toBe(true);
	});

	it('starts with relatedObject null when the related object no longer exists', async () => {
		const trigger = await thinTrigger({ options: { fetchRelatedObject: true } });
		const { payout } = failingPayout(sandbox);
		sandbox.injectFaults({ status: 404, match: { method: 'GET', path: `/v1/payouts/${payout}` } });

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		expect(thinDeliveries().map((delivery) => delivery.status)).toEqual([200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json.relatedObject).toBeNull();
	});

	it('acknowledges events of accounts outside the filter without fetching anything', async () => {
		const watched = sandbox.state.createConnectedAccount({}).id as string;
		const trigger = await thinTrigger({ accountIds: watched });
		const ignored = failingPayout(sandbox);

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		expect(thinDeliveries()).toMatchObject([{ account: ignored.account, status: 200 }]);
		expect(trigger.executions).toHaveLength(0);
		expect(sandbox.requests({ method: 'GET', path: /^\/v2\/core\/events\// })).toEqual([]);
	});
});

describe('options changed after activation', () => {
	it('answers 500 and starts nothing when a switch is no longer true or false, so Stripe retries', async () => {
		const trigger = await thinTrigger({ options: { fetchRelatedObject: true } });
		trigger.setParameters({
			delivery: 'eventDestination',
			eventPayload: 'thin',
			source: 'connect',
			events: ['payout.failed'],
			options: { fetchRelatedObject: 'yes' },
		});
		failingPayout(sandbox);

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		expect(thinDeliveries().map((delivery) => delivery.status)).toEqual([500]);
		expect(trigger.executions).toHaveLength(0);
		expect(sandbox.requests({ method: 'GET', path: /^\/v2\/core\/events\// })).toEqual([]);
		expect(
			trigger.logs.some((line) =>
				line.message.includes('Fetch Related Object is "yes". Turn it on or off'),
			),
		).toBe(true);
	});
});

describe("a thin event of the platform's own", () => {
	it('is fetched without a context and starts with account and context null', async () => {
		const trigger = await thinTrigger({
			source: 'both',
			events: ['transfer.created'],
			options: { fetchRelatedObject: true },
		});
		const destination = sandbox.state.createConnectedAccount({}).id as string;
		sandbox.state.fundBalance({ currency: 'eur', amount: 10_000 });
		const stripe = sandboxStripe(sandbox);
		const transfer = await stripe.transfers.create({ amount: 800, currency: 'eur', destination });
		await sandbox.flushDeliveries();
		await trigger.idle();

		const [delivery] = thinDeliveries();
		expect(delivery).toMatchObject({ type: 'v1.transfer.created', status: 200 });
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json).toMatchObject({
			type: 'v1.transfer.created',
			context: null,
			account: null,
			endpointSource: 'platform',
			reason: { type: 'request' },
			relatedObject: { id: transfer.id, object: 'transfer', amount: 800 },
		});
		const fetches = fetchesFor(delivery.eventId);
		expect(fetches.map((request) => request.path)).toEqual([
			`/v2/core/events/${delivery.eventId}`,
			`/v1/transfers/${transfer.id}`,
		]);
		expect(fetches.every((request) => request.headers['stripe-context'] === undefined)).toBe(true);
	});

	it('acknowledges a destination ping without fetching or starting anything', async () => {
		const trigger = await thinTrigger();
		const { id } = trigger.nodeStaticData.destination as { id: string };
		const stripe = sandboxStripe(sandbox);
		await stripe.v2.core.eventDestinations.ping(id);
		await sandbox.flushDeliveries();
		await trigger.idle();

		expect(sandbox.deliveries()).toMatchObject([
			{ type: 'v2.core.event_destination.ping', status: 200 },
		]);
		expect(trigger.executions).toHaveLength(0);
		expect(sandbox.requests({ method: 'GET', path: /^\/v2\/core\/events\// })).toEqual([]);
	});
});
