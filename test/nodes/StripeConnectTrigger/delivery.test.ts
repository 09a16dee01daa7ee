import Stripe from 'stripe';
import type { INodeType } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { startSandbox } from '../../../stripe-sandbox';
import { TESTED_STRIPE_API_VERSION } from '../../../nodes/shared/stripeApi';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { sandboxCredentials, startTriggerHarness } from '../../harness/runTrigger';
import type { TriggerHarness } from '../../harness/runTrigger';
import { failingPayout as failingPayoutOn } from './sandboxEvents';
import { ATTEMPTS_OF_A_FAILING_CALL } from './support';

const stripe = new Stripe('sk_test_deliverySuiteSigner00000');
const DAY = 86_400;

let sandbox: StripeSandbox;
let harness: TriggerHarness | undefined;
let otherHarness: TriggerHarness | undefined;

async function activeTrigger(parameters: Record<string, unknown>): Promise<TriggerHarness> {
	harness = await startTriggerHarness({
		parameters: parameters as never,
		credentials: sandboxCredentials(sandbox),
	});
	await harness.activate();
	return harness;
}

function secretOf(trigger: TriggerHarness, source: 'connect' | 'platform'): string {
	const endpoints = trigger.nodeStaticData.endpoints as Record<string, { secret: string }>;
	return endpoints[source].secret;
}

function failingPayout(account?: string): { account: string; payout: string } {
	return failingPayoutOn(sandbox, account);
}

/** A platform transfer to a connected account: a platform event, without `account`. */
function platformTransfer(id: string, destination: string): void {
	sandbox.state.emitEvent({
		type: 'transfer.created',
		object: { id, object: 'transfer', amount: 800, currency: 'eur', destination },
	});
}

function eventBody(overrides: Record<string, unknown> = {}): string {
	return JSON.stringify({
		id: 'evt_1Forged',
		object: 'event',
		type: 'payout.failed',
		account: 'acct_1Forged',
		created: 1_790_000_000,
		data: { object: { id: 'po_1Forged', object: 'payout', amount: 100, currency: 'eur' } },
		...overrides,
	});
}

function sign(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
	return stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}

beforeEach(async () => {
	sandbox = await startSandbox();
});

afterEach(async () => {
	await harness?.close();
	harness = undefined;
	await otherHarness?.close();
	otherHarness = undefined;
	await sandbox.close();
});

describe('signed deliveries from Stripe', () => {
	it('starts the workflow once for a payout that fails, with the event, its account and context', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		const { account, payout } = failingPayout();

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const delivered = sandbox.deliveries().filter((delivery) => delivery.type === 'payout.failed');
		expect(delivered).toHaveLength(1);
		expect(delivered[0].status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		const [execution] = trigger.executions;
		expect(execution.executionStatus).toBe('success');
		expect(execution.status).toBe(200);
		expect(execution.responseBody).toBe('');
		expect(execution.items).toHaveLength(1);
		expect(execution.items[0].json).toMatchObject({
			id: delivered[0].eventId,
			type: 'payout.failed',
			account,
			context: account,
			endpointSource: 'connect',
			data: {
				object: { id: payout, object: 'payout', status: 'failed', failure_code: 'account_closed' },
			},
		});
		// payout.updated was not selected: Stripe does not send it to this endpoint.
		expect(sandbox.deliveries().map((delivery) => delivery.type)).toEqual(['payout.failed']);
	});

	it('starts the workflow once for a dispute opened on a connected account', async () => {
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['charge.dispute.created', 'payout.failed'],
		});
		const account = sandbox.state.createConnectedAccount({}).id as string;
		const event = sandbox.state.emitEvent({
			type: 'charge.dispute.created',
			account,
			object: {
				id: 'dp_1Opened',
				object: 'dispute',
				amount: 4_200,
				currency: 'usd',
				reason: 'fraudulent',
				status: 'needs_response',
			},
		});
		failingPayout();
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		expect(trigger.executions.map((execution) => execution.items[0].json.type)).toEqual([
			'charge.dispute.created',
			'payout.failed',
		]);
		expect(trigger.executions[0].items[0].json).toMatchObject({
			id: event.id,
			account,
			data: { object: { id: 'dp_1Opened', status: 'needs_response' } },
		});
	});

	it('starts nothing when Stripe redelivers an event already handled', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		failingPayout();
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();
		const eventId = trigger.executions[0].items[0].json.id as string;

		await sandbox.redeliver(eventId);
		await sandbox.redeliver(eventId);
		await trigger.idle();

		const attempts = sandbox.deliveries().filter((delivery) => delivery.eventId === eventId);
		expect(attempts.map((attempt) => attempt.status)).toEqual([200, 200, 200]);
		expect(trigger.deliveries).toHaveLength(3);
		expect(trigger.deliveries.slice(1).map((delivery) => delivery.responseBody)).toEqual(['', '']);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.nodeStaticData.seenEventIds).toEqual([eventId]);
	});

	it('verifies deliveries to both endpoints of "both" against the right secret', async () => {
		const trigger = await activeTrigger({
			source: 'both',
			events: ['payout.failed', 'transfer.created'],
		});
		const { account } = failingPayout();
		platformTransfer('tr_1Platform', account);
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const byType = Object.fromEntries(
			trigger.executions.map((execution) => [
				execution.items[0].json.type,
				execution.items[0].json,
			]),
		);
		expect(byType['transfer.created']).toMatchObject({
			account: null,
			context: null,
			endpointSource: 'platform',
		});
		expect(byType['payout.failed']).toMatchObject({ account, endpointSource: 'connect' });
		expect(trigger.executions).toHaveLength(2);
	});

	it('acknowledges events of accounts outside the filter with 200 and starts nothing', async () => {
		const watched = sandbox.state.createConnectedAccount({}).id as string;
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['payout.failed'],
			accountIds: `${watched}, acct_1SomeoneElse`,
		});
		const ignored = failingPayout();
		sandbox.state.createAutomaticPayout({
			account: watched,
			currency: 'eur',
			amount: 900,
			status: 'pending',
			willFail: true,
		});
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		expect(sandbox.deliveries().map((delivery) => [delivery.account, delivery.status])).toEqual(
			expect.arrayContaining([
				[ignored.account, 200],
				[watched, 200],
			]),
		);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json.account).toBe(watched);
	});

	it('fetches the latest payout as the event account when asked to', async () => {
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['payout.failed'],
			options: { fetchLatestObject: true },
		});
		const { account, payout } = failingPayout();
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const fetches = sandbox.requests({ method: 'GET', path: `/v1/payouts/${payout}` });
		expect(fetches).toHaveLength(1);
		expect(fetches[0].stripeAccount).toBe(account);
		expect(fetches[0].headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(trigger.executions[0].items[0].json.latestObject).toMatchObject({
			id: payout,
			status: 'failed',
		});
	});

	it('answers 500 when the latest object cannot be fetched, so the redelivery starts the workflow once', async () => {
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['payout.failed'],
			options: { fetchLatestObject: true },
		});
		const { payout } = failingPayout();
		sandbox.injectFaults({
			status: 500,
			times: ATTEMPTS_OF_A_FAILING_CALL,
			match: { method: 'GET', path: `/v1/payouts/${payout}` },
		});
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const [first] = sandbox.deliveries();
		expect(first.status).toBe(500);
		expect(trigger.executions).toHaveLength(0);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
		expect(
			trigger.logs.some((line) => line.level === 'error' && line.message.includes(first.eventId)),
		).toBe(true);

		await sandbox.redeliver(first.eventId);
		await trigger.idle();
		expect(sandbox.deliveries().map((delivery) => delivery.status)).toEqual([500, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json.latestObject).toMatchObject({
			id: payout,
			status: 'failed',
		});
	});
});

describe('snapshot events through an event destination', () => {
	async function snapshotDestination(parameters: Record<string, unknown>): Promise<TriggerHarness> {
		return await activeTrigger({
			delivery: 'eventDestination',
			eventPayload: 'snapshot',
			...parameters,
		});
	}

	it('starts the workflow once for a payout that fails, with the event, its account and context', async () => {
		const trigger = await snapshotDestination({
			source: 'connect',
			events: ['payout.failed'],
			options: { fetchLatestObject: true },
		});
		const { account, payout } = failingPayout();

		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();

		const delivered = sandbox.deliveries();
		expect(delivered).toMatchObject([
			{ transport: 'event_destination', payload: 'snapshot', type: 'payout.failed', status: 200 },
		]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json).toMatchObject({
			id: delivered[0].eventId,
			object: 'event',
			type: 'payout.failed',
			api_version: TESTED_STRIPE_API_VERSION,
			account,
			context: account,
			endpointSource: 'connect',
			data: { object: { id: payout, status: 'failed' } },
			latestObject: { id: payout, status: 'failed' },
		});
		expect(sandbox.requests({ method: 'GET', path: `/v1/payouts/${payout}` })).toMatchObject([
			{ stripeAccount: account, status: 200 },
		]);
	});

	it('starts nothing when Stripe redelivers an event already handled', async () => {
		const trigger = await snapshotDestination({ source: 'connect', events: ['payout.failed'] });
		failingPayout();
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();
		const [first] = sandbox.deliveries();

		await sandbox.redeliver(first.eventId);
		await trigger.idle();

		expect(sandbox.deliveries().map((delivery) => delivery.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.nodeStaticData.seenEventIds).toEqual([first.eventId]);
	});
});

describe('when n8n cannot start the execution', () => {
	it('answers 500, not 200, so Stripe delivers the event again, and the retry starts it once', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		failingPayout();
		trigger.refuseExecutions(1);
		await sandbox.advanceTime(2 * DAY);
		await trigger.idle();
		const [refused] = sandbox.deliveries();

		expect(refused.status).toBe(500);
		expect(trigger.executions).toHaveLength(0);
		expect(trigger.nodeStaticData.seenEventIds ?? []).toEqual([]);

		await sandbox.redeliver(refused.eventId);
		await sandbox.redeliver(refused.eventId);
		await trigger.idle();

		expect(sandbox.deliveries().map((delivery) => delivery.status)).toEqual([500, 200, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items[0].json.id).toBe(refused.eventId);
		expect(trigger.nodeStaticData.seenEventIds).toEqual([refused.eventId]);
	});

	it('lets a delivery of the same event that arrived meanwhile start it', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['*'] });
		const body = eventBody({ id: 'evt_1RefusedThenStarted' });
		const headers = { 'stripe-signature': sign(body, secretOf(trigger, 'connect')) };
		trigger.refuseExecutions(1);
		trigger.store.overlapNext(2);

		const answers = await Promise.all([trigger.send(body, headers), trigger.send(body, headers)]);

		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 500]);
		expect(answers.find((answer) => answer.status === 200)?.started).toBe(true);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.nodeStaticData.seenEventIds).toEqual(['evt_1RefusedThenStarted']);
	});

	it('keeps the refused id out of the list a save made meanwhile carried to the database', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['*'] });
		const refusedBody = eventBody({ id: 'evt_1Refused' });
		const otherBody = eventBody({ id: 'evt_1Started' });
		const secret = secretOf(trigger, 'connect');
		trigger.refuseExecutions(1);
		// Both load before either runs; the refused one is handed to n8n first, so the other
		// request's save (which n8n makes) carries its id while its start is being decided.
		trigger.store.overlapNext(2);
		const answers = await Promise.all([
			trigger.send(refusedBody, { 'stripe-signature': sign(refusedBody, secret) }),
			trigger.send(otherBody, { 'stripe-signature': sign(otherBody, secret) }),
		]);
		expect(answers.map((answer) => answer.status)).toEqual([500, 200]);
		expect(trigger.nodeStaticData.seenEventIds).toEqual(['evt_1Refused', 'evt_1Started']);

		const retry = await trigger.post(refusedBody, {
			'stripe-signature': sign(refusedBody, secret),
		});

		expect(retry).toMatchObject({ status: 200, started: true });
		expect(trigger.executions.map((execution) => execution.items[0].json.id)).toEqual([
			'evt_1Started',
			'evt_1Refused',
		]);
		expect(trigger.nodeStaticData.seenEventIds).toEqual(['evt_1Started', 'evt_1Refused']);
	});
});

describe('the stored list of event ids', () => {
	it('drops entries that are not event ids from a list stored before ids were checked', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['*'] });
		const junk = `evt_${'x'.repeat(1024 * 1024)}`;
		trigger.savedStaticData['node:Stripe Connect Trigger'] = {
			...trigger.nodeStaticData,
			seenEventIds: ['evt_1Earlier', junk, 'not an id'],
		};
		const body = eventBody({ id: 'evt_1Next' });

		await trigger.post(body, { 'stripe-signature': sign(body, secretOf(trigger, 'connect')) });

		expect(trigger.nodeStaticData.seenEventIds).toEqual(['evt_1Earlier', 'evt_1Next']);
	});
});

describe('Source "Both" with a Connected Account IDs filter', () => {
	it.each([
		['two webhook endpoints', { delivery: 'webhookEndpoints' }, 2],
		['one snapshot event destination', { delivery: 'eventDestination' }, 1],
	])(
		"starts for the platform's own events and filters only connected-account events (%s)",
		async (_, delivery, registrations) => {
			const watched = sandbox.state.createConnectedAccount({}).id as string;
			const trigger = await activeTrigger({
				...delivery,
				source: 'both',
				events: ['payout.failed', 'transfer.created'],
				accountIds: watched,
			});
			failingPayout(watched);
			const other = failingPayout();
			platformTransfer('tr_1ToWatched', watched);
			await sandbox.advanceTime(2 * DAY);
			await trigger.idle();

			expect(sandbox.deliveries().every((delivery) => delivery.status === 200)).toBe(true);
			expect(new Set(sandbox.deliveries().map((delivery) => delivery.endpointId)).size).toBe(
				registrations,
			);
			const started = trigger.executions.map((execution) => execution.items[0].json);
			expect(started).toHaveLength(2);
			expect(started).toEqual(
				expect.arrayContaining([
					expect.objectContaining({
						type: 'transfer.created',
						account: null,
						context: null,
						endpointSource: 'platform',
					}),
					expect.objectContaining({
						type: 'payout.failed',
						account: watched,
						context: watched,
						endpointSource: 'connect',
					}),
				]),
			);
			expect(started.some((event) => event.account === other.account)).toBe(false);
		},
	);

	it('says in the form that the filter applies to connected-account events only', async () => {
		const { StripeConnectTrigger } = await import(
			'../../../nodes/StripeConnectTrigger/StripeConnectTrigger.node'
		);
		const field = new StripeConnectTrigger().description.properties.find(
			(property) => property.name === 'accountIds',
		);
		expect(field?.description).toContain('Applies to connected-account events only');
		expect(field?.description).toContain("your platform's own events always start the workflow");
	});
});

describe('the signature tolerance bound', () => {
	it('refuses by time a replay older than the tolerance, even after its id was forgotten', async () => {
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['payout.failed'],
			options: { toleranceSeconds: 600 },
		});
		const body = eventBody({ id: 'evt_1Replayed' });
		const secret = secretOf(trigger, 'connect');
		const now = Math.floor(Date.now() / 1000);
		expect(await trigger.post(body, { 'stripe-signature': sign(body, secret) })).toMatchObject({
			started: true,
		});

		// A restarted n8n whose stored list has moved on by 1,000 other events.
		const nodeData = trigger.nodeStaticData;
		trigger.savedStaticData['node:Stripe Connect Trigger'] = {
			...nodeData,
			seenEventIds: Array.from({ length: 1000 }, (_, index) => `evt_1Later${index}`),
		};
		vi.resetModules();
		const restartedModule = await import(
			'../../../nodes/StripeConnectTrigger/StripeConnectTrigger.node'
		);
		otherHarness = await trigger.anotherProcess(
			new restartedModule.StripeConnectTrigger() as INodeType,
		);

		const replay = await otherHarness.post(body, {
			'stripe-signature': sign(body, secret, now - 601),
		});
		expect(replay).toMatchObject({ status: 401, started: false });
		// The same bytes signed inside the tolerance would start again: only time refused the replay.
		const inside = await otherHarness.post(body, {
			'stripe-signature': sign(body, secret, now - 590),
		});
		expect(inside).toMatchObject({ status: 200, started: true });
	});

	it('answers 500 and starts nothing when the tolerance became larger than 600 s after activation', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		trigger.setParameters({
			source: 'connect',
			events: ['payout.failed'],
			options: { toleranceSeconds: 86_400 },
		});
		const body = eventBody({ id: 'evt_1DayOld' });
		const dayOld = sign(body, secretOf(trigger, 'connect'), Math.floor(Date.now() / 1000) - 80_000);

		const result = await trigger.post(body, { 'stripe-signature': dayOld });

		expect(result).toMatchObject({ status: 500, started: false });
		expect(
			trigger.logs.some(
				(line) =>
					line.level === 'error' &&
					line.message.includes('Signature Tolerance (Seconds) is 86400. Enter a whole number'),
			),
		).toBe(true);
	});
});
