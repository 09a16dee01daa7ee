/**
 * The Stripe Connect Trigger with an event destination inside a real n8n 2.41.1 (one process): the
 * published workflow registers one thin destination for connected accounts when `n8n start` runs;
 * when a connected account's payout fails on the sandbox clock, the sandbox delivers a signed thin
 * `v1.payout.failed` (ids only), and the workflow runs once with the full event and the failed payout,
 * fetched in the account's context; a redelivery starts nothing; unpublishing deletes the
 * destination by its id.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { startSandbox } from '../../stripe-sandbox';
import type { StripeObject, StripeSandbox } from '../../stripe-sandbox';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	TRIGGER_TYPE,
	failAnotherPayout,
	prepareN8n,
	printServerLog,
	seedFailingPayout,
	singleItemOf,
	stripeCredential,
	waitForExecutions,
} from './support';
import type { E2eN8n, WorkflowJson } from './support';

const DAY = 86_400;
const TRIGGER_NAME = 'Payout Failed (thin)';
const WEBHOOK_ID = '8f3b2a61-0d4e-4c1a-9e57-6b2d1f0c7a90';
const DESTINATION_KIND = 'v2.core.event_destination';

/** Failed-payout alert on a thin event destination: the trigger, then a node reading what it fetched. */
const workflow: WorkflowJson = {
	id: 'e2eThinPayoutAlert',
	name: 'Failed-payout alert (thin event destination)',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: '3a7d0c52-6f1e-4b8a-9c2d-000000000201',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: {
				delivery: 'eventDestination',
				eventPayload: 'thin',
				source: 'connect',
				events: ['payout.failed'],
				accountIds: '',
				options: { fetchRelatedObject: true },
			},
			credentials: { stripeConnectApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		},
		{
			id: '3a7d0c52-6f1e-4b8a-9c2d-000000000202',
			name: 'Compose Alert',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [240, 0],
			parameters: {
				mode: 'runOnceForEachItem',
				jsCode: [
					'const payout = $json.relatedObject;',
					'return {',
					'  json: {',
					'    alert: `Payout ${payout.id} of ${payout.amount} ${payout.currency} on ${$json.context} failed: ${payout.failure_code}`,',
					'    eventId: $json.id,',
					'    account: $json.account,',
					'  },',
					'};',
				].join('\n'),
			},
		},
	],
	connections: {
		[TRIGGER_NAME]: { main: [[{ node: 'Compose Alert', type: 'main', index: 0 }]] },
	},
};

async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
	const deadline = Date.now() + 120_000;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((wake) => setTimeout(wake, 250));
		value = await read();
	}
	return value;
}

describe('the Stripe Connect Trigger with a thin event destination in a real n8n', () => {
	let sandbox: StripeSandbox;
	let instance: E2eN8n;
	let account: string;
	let payout: StripeObject;

	beforeAll(async () => {
		sandbox = await startSandbox();
		const seeded = seedFailingPayout(sandbox);
		account = seeded.account.id;
		payout = seeded.failingPayout as unknown as StripeObject;
		instance = await prepareN8n({ withOwner: true });
		await instance.n8n.importCredentials([stripeCredential(sandbox)]);
		await instance.n8n.importWorkflow(workflow);
		await instance.n8n.publishWorkflow(workflow.id);
		sandbox.clearRequests();
		await instance.n8n.start();
	});

	beforeEach(() => {
		onTestFailed(() => printServerLog(instance));
	});

	afterAll(async () => {
		await instance?.dispose();
		await sandbox?.close();
	});

	it('registers one thin destination for connected accounts when n8n starts', async () => {
		const destinations = await waitFor(
			() => sandbox.state.listObjects(DESTINATION_KIND),
			(listed) => listed.length === 1,
		);

		expect(destinations).toMatchObject([
			{
				type: 'webhook_endpoint',
				event_payload: 'thin',
				events_from: ['@accounts'],
				enabled_events: ['v1.payout.failed'],
				status: 'enabled',
				metadata: { n8n_stripe_connect_trigger_source: 'connect' },
			},
		]);
		const [create] = sandbox.requests({ method: 'POST', path: '/v2/core/event_destinations' });
		expect(create.status).toBe(200);
		expect(create.headers['content-type']).toBe('application/json');
		expect(create.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(create.jsonBody).toMatchObject({
			webhook_endpoint: { url: instance.n8n.webhookUrl(WEBHOOK_ID, 'webhook') },
			include: ['webhook_endpoint.signing_secret'],
		});
	});

	it('runs once for a thin payout.failed with the full event and the failed payout', async () => {
		sandbox.clearRequests();

		await sandbox.advanceTime(2 * DAY);

		const deliveries = sandbox.deliveries();
		expect(deliveries).toMatchObject([
			{
				transport: 'event_destination',
				payload: 'thin',
				type: 'v1.payout.failed',
				account,
				status: 200,
			},
		]);
		expect(JSON.parse(deliveries[0].rawBody)).toEqual({
			id: deliveries[0].eventId,
			object: 'v2.core.event',
			type: 'v1.payout.failed',
			created: expect.any(String) as string,
			context: account,
			livemode: false,
			related_object: { id: payout.id, type: 'payout', url: `/v1/payouts/${payout.id}` },
		});
		const executions = await waitForExecutions(instance.n8n, workflow.id, 1);
		expect(executions.map((execution) => execution.status)).toEqual(['success']);

		const run = await instance.n8n.executionRun(executions[0].id);
		const event = singleItemOf(run, TRIGGER_NAME);
		const snapshotEvent = sandbox.state
			.listObjects('event', account)
			.find((candidate) => candidate.type === 'payout.failed');
		expect(event).toMatchObject({
			id: deliveries[0].eventId,
			object: 'v2.core.event',
			type: 'v1.payout.failed',
			context: account,
			account,
			endpointSource: 'connect',
			snapshot_event: snapshotEvent?.id,
			related_object: { id: payout.id, type: 'payout' },
			relatedObject: {
				id: payout.id,
				object: 'payout',
				amount: 123_45,
				currency: 'usd',
				status: 'failed',
				failure_code: 'account_closed',
			},
		});
		expect(singleItemOf(run, 'Compose Alert')).toEqual({
			alert: `Payout ${payout.id} of 12345 usd on ${account} failed: account_closed`,
			eventId: deliveries[0].eventId,
			account,
		});
		const fetches = sandbox.requests({ method: 'GET' });
		expect(fetches.map((request) => [request.path, request.stripeContext, request.status])).toEqual(
			[
				[`/v2/core/events/${deliveries[0].eventId}`, account, 200],
				[`/v1/payouts/${payout.id}`, account, 200],
			],
		);
	});

	it('acknowledges a redelivered thin event without starting the workflow again', async () => {
		const [first] = sandbox.deliveries();

		await sandbox.redeliver(first.eventId);
		await failAnotherPayout(sandbox, account);

		const attempts = sandbox.deliveries().map((delivery) => [delivery.eventId, delivery.status]);
		expect(attempts.slice(0, 2)).toEqual([
			[first.eventId, 200],
			[first.eventId, 200],
		]);
		expect(attempts).toHaveLength(3);
		// Executions start in the order n8n receives deliveries: the third one's is the second.
		const executions = await waitForExecutions(instance.n8n, workflow.id, 2);
		expect(executions).toHaveLength(2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	});

	it('deletes its destination by id when the workflow is unpublished through the REST API', async () => {
		const [destination] = sandbox.state.listObjects(DESTINATION_KIND);
		sandbox.clearRequests();

		await instance.n8n.deactivateWorkflow(workflow.id);

		expect(
			await waitFor(
				() => sandbox.state.listObjects(DESTINATION_KIND),
				(listed) => listed.length === 0,
			),
		).toEqual([]);
		expect(
			sandbox.requests({ method: 'DELETE' }).map((request) => [request.path, request.status]),
		).toEqual([[`/v2/core/event_destinations/${destination.id}`, 200]]);
	});
});
