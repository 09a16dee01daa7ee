import Stripe from 'stripe';
import type { INodeType } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { startSandbox } from '../../../stripe-sandbox';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { sandboxCredentials, startTriggerHarness } from '../../harness/runTrigger';
import type { TriggerHarness } from '../../harness/runTrigger';

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

/** A payout on a connected account (a new one by default) that fails when it arrives tomorrow. */
function failingPayout(account = sandbox.state.createConnectedAccount({}).id as string): {
	account: string;
	payout: string;
} {
	const payout = sandbox.state.createAutomaticPayout({
		account,
		currency: 'eur',
		amount: 12_500,
		status: 'pending',
		willFail: true,
		failure_code: 'account_closed',
	}).id as string;
	return { account, payout };
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
	it('starts the workflow once for a payout that fails, with the event and its account', async () => {
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
		expect(byType['transfer.created']).toMatchObject({ account: null, endpointSource: 'platform' });
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
		sandbox.injectFaults({ status: 500, match: { method: 'GET', path: `/v1/payouts/${payout}` } });
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

describe('refused deliveries', () => {
	it('answers a forged signature with 401 and starts nothing', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		const body = eventBody();
		const result = await trigger.post(body, {
			'stripe-signature': sign(body, 'whsec_notTheEndpointSecret000000'),
		});
		expect(result).toMatchObject({ status: 401, responseBody: '', started: false });
		expect(trigger.executions).toHaveLength(0);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
		expect(
			trigger.logs.some((line) => line.level === 'warn' && /No v1 signature/.test(line.message)),
		).toBe(true);
	});

	it('answers a tampered body with 401', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		const body = eventBody();
		const header = sign(body, secretOf(trigger, 'connect'));
		const result = await trigger.post(body.replace('"amount":100', '"amount":100000'), {
			'stripe-signature': header,
		});
		expect(result).toMatchObject({ status: 401, started: false });
	});

	it('answers a missing or malformed header with 401', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		expect(await trigger.post(eventBody())).toMatchObject({ status: 401, started: false });
		expect(await trigger.post(eventBody(), { 'stripe-signature': 't=abc,v1=zz' })).toMatchObject({
			status: 401,
			started: false,
		});
		expect(trigger.executions).toHaveLength(0);
	});

	it('answers a replayed delivery older than the tolerance with 401', async () => {
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['payout.failed'],
			options: { toleranceSeconds: 60 },
		});
		const body = eventBody();
		const stale = sign(body, secretOf(trigger, 'connect'), Math.floor(Date.now() / 1000) - 120);
		expect(await trigger.post(body, { 'stripe-signature': stale })).toMatchObject({
			status: 401,
			started: false,
		});
		const fresh = sign(body, secretOf(trigger, 'connect'));
		expect(await trigger.post(body, { 'stripe-signature': fresh })).toMatchObject({
			status: 200,
			started: true,
		});
	});

	it('fails closed with 401 when it holds no signing secret', async () => {
		harness = await startTriggerHarness({
			parameters: { source: 'connect', events: ['payout.failed'] },
			credentials: sandboxCredentials(sandbox),
		});
		const body = eventBody();
		const result = await harness.post(body, {
			'stripe-signature': sign(body, 'whsec_anything00000000'),
		});
		expect(result).toMatchObject({ status: 401, started: false });
	});

	it('acknowledges an event type it was not asked for and starts nothing', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['payout.failed'] });
		const body = eventBody({ id: 'evt_1Other', type: 'payout.paid' });
		const result = await trigger.post(body, {
			'stripe-signature': sign(body, secretOf(trigger, 'connect')),
		});
		expect(result).toMatchObject({ status: 200, responseBody: '', started: false });
	});

	it('answers a signed body that is not a Stripe event with 400', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['*'] });
		const body = '{"hello":"world"}';
		const result = await trigger.post(body, {
			'stripe-signature': sign(body, secretOf(trigger, 'connect')),
		});
		expect(result).toMatchObject({ status: 400, started: false });
	});
});

describe('signed events whose id or account is not a Stripe ID', () => {
	it('refuses an account with a line break with 400 before any request to Stripe', async () => {
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['payout.failed'],
			options: { fetchLatestObject: true },
		});
		sandbox.clearRequests();
		const body = eventBody({ account: 'acct_1Forged\r\nX-Injected: yes' });

		const result = await trigger.post(body, {
			'stripe-signature': sign(body, secretOf(trigger, 'connect')),
		});

		expect(result).toMatchObject({ status: 400, started: false });
		expect(JSON.parse(result.responseBody)).toEqual({
			error:
				'The event\'s account "acct_1Forged\\r\\nX-Injected: yes" is not a Stripe account id (acct_ followed by letters, digits or underscores, at most 255 characters).',
		});
		expect(sandbox.requests()).toEqual([]);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
		expect(
			trigger.logs.some(
				(line) => line.level === 'warn' && line.message.includes('is not a Stripe account id'),
			),
		).toBe(true);
	});

	it('refuses a 1 MB id with 400 and stores nothing of it', async () => {
		const trigger = await activeTrigger({ source: 'connect', events: ['*'] });
		const body = eventBody({ id: `evt_${'x'.repeat(1024 * 1024)}` });

		const result = await trigger.post(body, {
			'stripe-signature': sign(body, secretOf(trigger, 'connect')),
		});

		expect(result).toMatchObject({ status: 400, started: false });
		expect(result.responseBody.length).toBeLessThan(300);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
		expect(JSON.stringify(trigger.savedStaticData).length).toBeLessThan(1000);
		expect(Math.max(...trigger.logs.map((line) => line.message.length))).toBeLessThan(400);
	});

	it('refuses every id and account that is not a Stripe ID, starting nothing', async () => {
		const trigger = await activeTrigger({
			source: 'connect',
			events: ['*'],
			options: { fetchLatestObject: true },
		});
		sandbox.clearRequests();
		const refused = [
			{ id: 'po_1NotAnEvent' },
			{ id: 'evt_1A/../../v1/accounts' },
			{ id: 'evt_1A\n' },
			{ id: 12345 },
			{ id: `evt_${'a'.repeat(252)}` },
			{ account: 'cus_1NotAnAccount' },
			{ account: 'acct_1A%0D%0AX: y' },
			{ account: '' },
			{ account: `acct_${'A'.repeat(251)}` },
			{ account: ['acct_1A'] },
		];
		for (const overrides of refused) {
			const body = eventBody(overrides);
			const result = await trigger.post(body, {
				'stripe-signature': sign(body, secretOf(trigger, 'connect')),
			});
			expect(result, JSON.stringify(overrides)).toMatchObject({ status: 400, started: false });
		}
		expect(trigger.executions).toHaveLength(0);
		expect(sandbox.requests()).toEqual([]);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
	});

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
	it("starts for the platform's own events and filters only connected-account events", async () => {
		const watched = sandbox.state.createConnectedAccount({}).id as string;
		const trigger = await activeTrigger({
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
		const started = trigger.executions.map((execution) => execution.items[0].json);
		expect(started).toHaveLength(2);
		expect(started).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					type: 'transfer.created',
					account: null,
					endpointSource: 'platform',
				}),
				expect.objectContaining({
					type: 'payout.failed',
					account: watched,
					endpointSource: 'connect',
				}),
			]),
		);
		expect(started.some((event) => event.account === other.account)).toBe(false);
	});

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
