/**
 * The corpus of deliveries the trigger refuses, run against every way Stripe can deliver to it:
 * webhook endpoints, a snapshot event destination and a thin event destination. Forged, tampered,
 * unsigned and stale requests get 401; signed bodies that are not events, or whose id, account,
 * context or related object is not Stripe's, get 400 with the reason; none starts the workflow,
 * stores an id or reaches Stripe.
 */
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../../../stripe-sandbox';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import { sandboxCredentials, startTriggerHarness } from '../../../harness/runTrigger';
import type { TriggerHarness } from '../../../harness/runTrigger';
import type { RecordedThinEvent } from '../sandboxEvents';
import { recordedThinEvent, thinEventBody } from '../sandboxEvents';

const signer = new Stripe('sk_test_refusedDeliveriesSigner');

/** The event the bodies describe: a connected account's payout.failed. */
type EventFacts = RecordedThinEvent;

/** One way Stripe delivers: the trigger's parameters, its secret, and a body as Stripe would send it. */
interface DeliveryMode {
	name: string;
	parameters: Record<string, unknown>;
	/** The body field that names the connected account: `account` (snapshot) or `context` (thin). */
	accountField: 'account' | 'context';
	/** The option that makes a delivery fetch from Stripe before it starts. */
	fetchOption: string;
	secretOf: (harness: TriggerHarness) => string;
	/** Facts of an event Stripe knows (a thin event must exist at Stripe to be fetched). */
	recordEvent: (sandbox: StripeSandbox) => Promise<EventFacts>;
	/** The body of that event, with overrides. */
	body: (facts: EventFacts, overrides?: Record<string, unknown>) => string;
}

const forgedSnapshot = async (): Promise<EventFacts> => ({
	id: 'evt_1Forged',
	account: 'acct_1Forged',
	payout: 'po_1Forged',
});

function snapshotBody(facts: EventFacts, overrides: Record<string, unknown> = {}): string {
	return JSON.stringify({
		id: facts.id,
		object: 'event',
		type: 'payout.failed',
		account: facts.account,
		context: facts.account,
		created: 1_790_000_000,
		data: { object: { id: facts.payout, object: 'payout', amount: 100, currency: 'eur' } },
		...overrides,
	});
}

function endpointSecret(harness: TriggerHarness): string {
	return (harness.nodeStaticData.endpoints as Record<string, { secret: string }>).connect.secret;
}

function destinationSecret(harness: TriggerHarness): string {
	return (harness.nodeStaticData.destination as { secret: string }).secret;
}

const MODES: DeliveryMode[] = [
	{
		name: 'webhook endpoints',
		parameters: { delivery: 'webhookEndpoints' },
		accountField: 'account',
		fetchOption: 'fetchLatestObject',
		secretOf: endpointSecret,
		recordEvent: forgedSnapshot,
		body: snapshotBody,
	},
	{
		name: 'a snapshot event destination',
		parameters: { delivery: 'eventDestination', eventPayload: 'snapshot' },
		accountField: 'account',
		fetchOption: 'fetchLatestObject',
		secretOf: destinationSecret,
		recordEvent: forgedSnapshot,
		body: snapshotBody,
	},
	{
		name: 'a thin event destination',
		parameters: { delivery: 'eventDestination', eventPayload: 'thin' },
		accountField: 'context',
		fetchOption: 'fetchRelatedObject',
		secretOf: destinationSecret,
		recordEvent: recordedThinEvent,
		body: thinEventBody,
	},
];

function sign(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
	return signer.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
}

describe.each(MODES)('deliveries refused through $name', (mode) => {
	let sandbox: StripeSandbox;
	let harness: TriggerHarness | undefined;
	let facts: EventFacts;

	beforeEach(async () => {
		sandbox = await startSandbox();
		facts = await mode.recordEvent(sandbox);
	});

	afterEach(async () => {
		await harness?.close();
		harness = undefined;
		await sandbox.close();
	});

	async function activeTrigger(
		parameters: Record<string, unknown> = {},
		activate = true,
	): Promise<TriggerHarness> {
		harness = await startTriggerHarness({
			parameters: {
				source: 'connect',
				events: ['payout.failed'],
				...mode.parameters,
				...parameters,
			} as never,
			credentials: sandboxCredentials(sandbox),
		});
		if (activate) await harness.activate();
		sandbox.clearRequests();
		return harness;
	}

	function signedBy(trigger: TriggerHarness, body: string): Record<string, string> {
		return { 'stripe-signature': sign(body, mode.secretOf(trigger)) };
	}

	it('answers a forged signature with 401 and starts nothing', async () => {
		const trigger = await activeTrigger();
		const body = mode.body(facts);
		const result = await trigger.post(body, {
			'stripe-signature': sign(body, 'whsec_notTheEndpointSecret000000'),
		});
		expect(result).toMatchObject({ status: 401, responseBody: '', started: false });
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
		expect(sandbox.requests()).toEqual([]);
		expect(
			trigger.logs.some((line) => line.level === 'warn' && /No v1 signature/.test(line.message)),
		).toBe(true);
	});

	it('answers a tampered body with 401', async () => {
		const trigger = await activeTrigger();
		const body = mode.body(facts);
		const header = signedBy(trigger, body);
		const tampered = body.replace(facts.payout, 'po_1Substituted');
		expect(tampered).not.toBe(body);
		expect(await trigger.post(tampered, header)).toMatchObject({ status: 401, started: false });
	});

	it('answers a missing or malformed header with 401', async () => {
		const trigger = await activeTrigger();
		const body = mode.body(facts);
		expect(await trigger.post(body)).toMatchObject({ status: 401, started: false });
		for (const header of ['t=abc,v1=zz', `v1=${'a'.repeat(64)}`, 't=1,t=2']) {
			expect(await trigger.post(body, { 'stripe-signature': header }), header).toMatchObject({
				status: 401,
				started: false,
			});
		}
		expect(trigger.executions).toHaveLength(0);
	});

	it('answers a replay older than the tolerance with 401 and starts the same bytes signed now', async () => {
		const trigger = await activeTrigger({ options: { toleranceSeconds: 60 } });
		const body = mode.body(facts);
		const stale = sign(body, mode.secretOf(trigger), Math.floor(Date.now() / 1000) - 120);
		expect(await trigger.post(body, { 'stripe-signature': stale })).toMatchObject({
			status: 401,
			started: false,
		});
		expect(await trigger.post(body, signedBy(trigger, body))).toMatchObject({
			status: 200,
			started: true,
		});
	});

	it('fails closed with 401 when it holds no signing secret', async () => {
		const trigger = await activeTrigger({}, false);
		const body = mode.body(facts);
		const result = await trigger.post(body, {
			'stripe-signature': sign(body, 'whsec_anything00000000'),
		});
		expect(result).toMatchObject({ status: 401, started: false });
	});

	it('acknowledges an event type it was not asked for, without fetching or starting anything', async () => {
		const trigger = await activeTrigger({ options: { [mode.fetchOption]: true } });
		const type = mode.accountField === 'context' ? 'v1.payout.paid' : 'payout.paid';
		const body = mode.body(facts, { type });
		const result = await trigger.post(body, signedBy(trigger, body));
		expect(result).toMatchObject({ status: 200, responseBody: '', started: false });
		expect(sandbox.requests()).toEqual([]);
	});

	it('answers a signed body that is not a Stripe event with 400', async () => {
		const trigger = await activeTrigger({ events: ['*'] });
		for (const body of [
			'{"hello":"world"}',
			'{"object":"v2.core.event","id":"evt_1A"}',
			'[]',
			'null',
			'not json',
		]) {
			const result = await trigger.post(body, signedBy(trigger, body));
			expect(result, body).toMatchObject({ status: 400, started: false });
		}
	});

	it(`refuses an ${mode.accountField} with a line break with 400 before any request to Stripe`, async () => {
		const trigger = await activeTrigger({ options: { [mode.fetchOption]: true } });
		const injected = `${facts.account}\r\nX-Injected: yes`;
		const body = mode.body(facts, { account: injected, context: injected });

		const result = await trigger.post(body, signedBy(trigger, body));

		expect(result).toMatchObject({ status: 400, started: false });
		expect(JSON.parse(result.responseBody)).toEqual({
			error: expect.stringMatching(
				mode.accountField === 'account'
					? /^The event's account "acct_\w+\\r\\nX-Injected: yes" is not a Stripe account id/
					: /^The event's context "acct_\w+\\r\\nX-Injected: yes" is not a Stripe context/,
			) as string,
		});
		expect(sandbox.requests()).toEqual([]);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
	});

	it('refuses a 1 MB id with 400 and stores nothing of it', async () => {
		const trigger = await activeTrigger({ events: ['*'] });
		const body = mode.body(facts, { id: `evt_${'x'.repeat(1024 * 1024)}` });

		const result = await trigger.post(body, signedBy(trigger, body));

		expect(result).toMatchObject({ status: 400, started: false });
		expect(result.responseBody.length).toBeLessThan(300);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
		expect(JSON.stringify(trigger.savedStaticData).length).toBeLessThan(1000);
		expect(Math.max(...trigger.logs.map((line) => line.message.length))).toBeLessThan(400);
	});

	it('refuses every id, account, context and related object that is not Stripe’s, starting nothing', async () => {
		const trigger = await activeTrigger({ events: ['*'], options: { [mode.fetchOption]: true } });
		const refused: Array<Record<string, unknown>> = [
			{ id: 'po_1NotAnEvent' },
			{ id: 'evt_1A/../../v1/accounts' },
			{ id: 'evt_1A\n' },
			{ id: 12345 },
			{ id: `evt_${'a'.repeat(252)}` },
			...[
				'cus_1NotAnAccount',
				'acct_1A%0D%0AX: y',
				'',
				`acct_${'A'.repeat(251)}`,
				['acct_1A'],
				'acct_1A/acct_1B/acct_1C/acct_1D',
				'acct_1A/',
				'/acct_1A',
			].map((value) => ({ [mode.accountField]: value })),
		];
		if (mode.accountField === 'context') {
			for (const url of [
				'https://attacker.example/v1/payouts/po_1A',
				'//attacker.example/v1/payouts/po_1A',
				'/v1/payouts/../accounts',
				'/v1/payouts/po_1A?expand[]=destination',
				'/v1/payouts/po_1A#x',
				'/v1/payouts/po_1A\r\nX-Injected: yes',
				'v1/payouts/po_1A',
				'/v3/payouts/po_1A',
			]) {
				refused.push({ related_object: { id: 'po_1A', type: 'payout', url } });
			}
			refused.push({ related_object: { id: 'po_1A', type: 'payout' } });
			refused.push({ related_object: 'po_1A' });
		}
		for (const overrides of refused) {
			const body = mode.body(facts, overrides);
			const result = await trigger.post(body, signedBy(trigger, body));
			expect(result, JSON.stringify(overrides)).toMatchObject({ status: 400, started: false });
		}
		expect(trigger.executions).toHaveLength(0);
		expect(sandbox.requests()).toEqual([]);
		expect(trigger.nodeStaticData.seenEventIds).toBeUndefined();
	});
});
