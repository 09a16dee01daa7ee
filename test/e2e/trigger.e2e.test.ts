/**
 * The Stripe Connect Trigger inside a real n8n 2.41.1: published workflows register their webhook
 * endpoints in the sandbox when `n8n start` runs, signed deliveries start them exactly once per event,
 * forged ones start nothing, and unpublishing through n8n's REST API deletes the endpoints. Also
 * checks that n8n offers the action node's AI-tool variant.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';

import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { startSandbox } from '../../stripe-sandbox';
import type { StripeObject, StripeSandbox } from '../../stripe-sandbox';
import { PACKAGE_NAME, REPO_ROOT } from '../../scripts/lib/localN8n';
import type { N8nExecutionSummary } from '../../scripts/lib/localN8n';
import {
	loadWorkflow,
	prepareN8n,
	printServerLog,
	singleItemOf,
	stripeCredential,
} from './support';
import type { E2eN8n, WorkflowJson } from './support';

const TRIGGER_TYPE = `${PACKAGE_NAME}.stripeConnectTrigger`;
const examplesDir = join(REPO_ROOT, 'examples');

/** Waits until a workflow has `count` finished executions (n8n runs them after answering Stripe). */
async function waitForExecutions(
	instance: E2eN8n,
	workflowId: string,
	count: number,
): Promise<N8nExecutionSummary[]> {
	const deadline = Date.now() + 120_000;
	let executions: N8nExecutionSummary[] = [];
	while (Date.now() < deadline) {
		executions = await instance.n8n.executionsOf(workflowId);
		const finished = executions.filter(
			(execution) => !['new', 'running', 'waiting'].includes(execution.status),
		);
		if (finished.length >= count) return executions;
		await new Promise((wake) => setTimeout(wake, 500));
	}
	return executions;
}

/** Waits until the sandbox holds `count` webhook endpoints (n8n activates workflows after it is ready). */
async function waitForEndpoints(sandbox: StripeSandbox, count: number): Promise<StripeObject[]> {
	const deadline = Date.now() + 120_000;
	let endpoints = sandbox.state.listObjects('webhook_endpoint');
	while (endpoints.length !== count && Date.now() < deadline) {
		await new Promise((wake) => setTimeout(wake, 250));
		endpoints = sandbox.state.listObjects('webhook_endpoint');
	}
	return endpoints;
}

function triggerNodeOf(workflow: WorkflowJson) {
	const node = workflow.nodes.find((candidate) => candidate.type === TRIGGER_TYPE);
	if (!node?.webhookId)
		throw new Error(`${workflow.name} has no Stripe Connect Trigger with a webhookId`);
	return node;
}

describe('the Stripe Connect Trigger in a real n8n', () => {
	let sandbox: StripeSandbox;
	let instance: E2eN8n;
	let account: Stripe.Account;
	let failingPayout: Stripe.Payout;
	let failedPayoutAlert: WorkflowJson;
	let disputeDesk: WorkflowJson;
	let merchantOnboarding: WorkflowJson;

	beforeAll(async () => {
		sandbox = await startSandbox();
		account = sandbox.state.createConnectedAccount({
			country: 'US',
			email: 'payouts@harbor-bikes.example',
			business_name: 'Harbor Bikes',
		});
		failingPayout = sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			amount: 123_45,
			status: 'in_transit',
			willFail: true,
			failure_code: 'account_closed',
		});

		instance = await prepareN8n({ withOwner: true });
		await instance.n8n.importCredentials([stripeCredential(sandbox)]);
		failedPayoutAlert = loadWorkflow(join(examplesDir, 'failed-payout-alert.json'));
		disputeDesk = loadWorkflow(join(examplesDir, 'dispute-desk.json'));
		merchantOnboarding = loadWorkflow(join(examplesDir, 'merchant-ready.json'));
		for (const workflow of [failedPayoutAlert, disputeDesk, merchantOnboarding]) {
			await instance.n8n.importWorkflow(workflow);
			await instance.n8n.publishWorkflow(workflow.id);
		}
		sandbox.clearRequests();
		await instance.n8n.start();
	});

	/**
	 * Makes one more payout fail and waits for its execution. Executions start in the order n8n
	 * receives deliveries, so once this one is counted, anything the requests before it started
	 * would be counted too.
	 */
	async function failAnotherPayoutAndWait(
		expectedExecutions: number,
	): Promise<N8nExecutionSummary[]> {
		sandbox.state.createAutomaticPayout({
			account: account.id,
			currency: 'usd',
			amount: 50_00,
			status: 'in_transit',
			willFail: true,
		});
		await sandbox.advanceTime(2 * 86_400);
		return await waitForExecutions(instance, failedPayoutAlert.id, expectedExecutions);
	}

	beforeEach(() => {
		onTestFailed(() => printServerLog(instance));
	});

	afterAll(async () => {
		await instance?.dispose();
		await sandbox?.close();
	});

	it('registers one webhook endpoint per published trigger when n8n starts', async () => {
		const endpoints = await waitForEndpoints(sandbox, 3);
		const endpointOf = (workflow: WorkflowJson) =>
			endpoints.find(
				(endpoint) =>
					endpoint.url ===
					instance.n8n.webhookUrl(String(triggerNodeOf(workflow).webhookId), 'webhook'),
			);

		expect(endpoints).toHaveLength(3);
		expect(endpointOf(failedPayoutAlert)).toMatchObject({
			enabled_events: ['payout.failed'],
			status: 'enabled',
			metadata: { n8n_stripe_connect_trigger_source: 'connect' },
		});
		expect(endpointOf(merchantOnboarding)).toMatchObject({
			enabled_events: ['account.updated'],
			metadata: { n8n_stripe_connect_trigger_source: 'connect' },
		});
		expect(endpointOf(disputeDesk)).toMatchObject({
			enabled_events: ['charge.dispute.created'],
			metadata: { n8n_stripe_connect_trigger_source: 'platform' },
		});
		const creates = sandbox.requests({ method: 'POST', path: '/v1/webhook_endpoints' });
		expect(creates.map((create) => create.status)).toEqual([200, 200, 200]);
		expect(creates.map((create) => create.body.connect).sort()).toEqual(['false', 'true', 'true']);
		for (const create of creates) {
			expect(create.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		}
	});

	it('runs the failed-payout alert exactly once when a payout fails', async () => {
		sandbox.clearRequests();

		await sandbox.advanceTime(2 * 86_400);

		const failures = sandbox.deliveries().filter((delivery) => delivery.type === 'payout.failed');
		expect(failures).toHaveLength(1);
		expect(failures[0]).toMatchObject({ status: 200, account: account.id });
		const executions = await waitForExecutions(instance, failedPayoutAlert.id, 1);
		expect(executions.map((execution) => execution.status)).toEqual(['success']);

		const run = await instance.n8n.executionRun(executions[0].id);
		expect(singleItemOf(run, 'Compose Alert')).toEqual({
			alert: `Payout ${failingPayout.id} of $123.45 to Harbor Bikes (${account.id}) failed: account_closed (${
				(sandbox.state.getObject(failingPayout.id) as StripeObject).failure_message
			}).`,
			account: account.id,
			accountEmail: 'payouts@harbor-bikes.example',
			payout: failingPayout.id,
			amount: 123_45,
			currency: 'usd',
			failureCode: 'account_closed',
			eventId: failures[0].eventId,
		});
		const accountLookups = sandbox.requests({ method: 'GET', path: `/v1/accounts/${account.id}` });
		expect(accountLookups).toHaveLength(1);
		expect(accountLookups[0].status).toBe(200);
	});

	it('acknowledges a redelivered event without starting the workflow again', async () => {
		const [failure] = sandbox.deliveries().filter((delivery) => delivery.type === 'payout.failed');

		await sandbox.redeliver(failure.eventId);

		const attempts = sandbox
			.deliveries()
			.filter((delivery) => delivery.eventId === failure.eventId);
		expect(attempts.map((attempt) => attempt.status)).toEqual([200, 200]);
		const executions = await failAnotherPayoutAndWait(2);
		expect(executions).toHaveLength(2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	});

	it('refuses forged deliveries with 401 and starts nothing', async () => {
		const [genuine] = sandbox.deliveries().filter((delivery) => delivery.type === 'payout.failed');
		const url = genuine.url;
		const tampered = genuine.rawBody.replace('"id": "evt_', '"id": "evt_forged');
		const timestamp = Math.floor(Date.now() / 1000);
		const wrongSecretSignature = createHmac('sha256', 'whsec_not_the_endpoint_secret')
			.update(`${timestamp}.${tampered}`)
			.digest('hex');

		const forgeries = [
			// A genuine signature over a body that was changed afterwards.
			{ body: tampered, signature: genuine.signatureHeader },
			// A fresh signature made with a secret that is not the endpoint's.
			{ body: tampered, signature: `t=${timestamp},v1=${wrongSecretSignature}` },
			// No signature at all.
			{ body: tampered, signature: undefined },
		];
		const statuses: number[] = [];
		for (const forgery of forgeries) {
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json; charset=utf-8',
					...(forgery.signature ? { 'stripe-signature': forgery.signature } : {}),
				},
				body: forgery.body,
			});
			statuses.push(response.status);
		}

		expect(statuses).toEqual([401, 401, 401]);
		const executions = await failAnotherPayoutAndWait(3);
		expect(executions).toHaveLength(3);
	});

	it("offers the action node's AI-tool variant next to the nodes and the credential", async () => {
		const nodeTypes = (await instance.n8n.requestAsOwner('GET', '/types/nodes.json')) as Array<{
			name: string;
			outputs?: unknown;
		}>;
		const ours = nodeTypes.filter((type) => type.name.startsWith(`${PACKAGE_NAME}.`));

		expect(ours.map((type) => type.name).sort()).toEqual([
			`${PACKAGE_NAME}.stripeConnect`,
			`${PACKAGE_NAME}.stripeConnectTool`,
			`${PACKAGE_NAME}.stripeConnectTrigger`,
		]);
		expect(ours.find((type) => type.name.endsWith('Tool'))?.outputs).toEqual(['ai_tool']);
		const credentialTypes = (await instance.n8n.requestAsOwner(
			'GET',
			'/types/credentials.json',
		)) as Array<{
			name: string;
		}>;
		expect(credentialTypes.map((type) => type.name)).toContain('stripeConnectApi');
	});

	it('drafts dispute evidence exactly once when a customer disputes a destination charge', async () => {
		const payment = sandbox.state.createPaymentIntent({
			amount: 60_00,
			currency: 'usd',
			transfer_data: { destination: String(account.id) },
			description: 'Bike rental, 1 day',
			receipt_email: 'rider@example.com',
			metadata: { order: '3003' },
		});
		sandbox.clearRequests();

		const dispute = sandbox.state.createDispute({
			payment_intent: payment.id,
			reason: 'product_not_received',
		});
		await sandbox.flushDeliveries();

		const deliveries = sandbox
			.deliveries()
			.filter((delivery) => delivery.type === 'charge.dispute.created');
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const executions = await waitForExecutions(instance, disputeDesk.id, 1);
		expect(executions.map((execution) => execution.status)).toEqual(['success']);
		const [update] = sandbox.requests({ method: 'POST', path: `/v1/disputes/${dispute.id}` });
		const paidOn = new Date(payment.created * 1000).toISOString().slice(0, 10);
		expect(update.status).toBe(200);
		expect(update.body).toEqual({
			evidence: {
				product_description: 'Bike rental, 1 day',
				customer_email_address: 'rider@example.com',
				uncategorized_text: `Payment ${payment.id} for order 3003, paid on ${paidOn}. Dispute reason given: product_not_received.`,
			},
			submit: 'false',
			metadata: { evidence_drafted_by: 'n8n dispute desk' },
		});
		expect(sandbox.state.getObject(dispute.id)).toMatchObject({
			status: 'needs_response',
			evidence: { product_description: 'Bike rental, 1 day' },
		});
	});

	it('tells when a new merchant can accept payments, once', async () => {
		const merchant = sandbox.state.createConnectedAccount({
			country: 'US',
			email: 'hello@river-cafe.example',
			business_name: 'River Cafe',
			capabilities: { card_payments: 'inactive', transfers: 'inactive' },
			details_submitted: false,
			metadata: { merchant_ref: 'm_2002' },
		});

		sandbox.state.setCapabilities(merchant.id, { card_payments: 'active', transfers: 'active' });
		await sandbox.flushDeliveries();

		const updates = sandbox
			.deliveries()
			.filter(
				(delivery) => delivery.type === 'account.updated' && delivery.account === merchant.id,
			);
		expect(updates.length).toBeGreaterThan(0);
		expect(updates.every((delivery) => delivery.status === 200)).toBe(true);
		const executions = await waitForExecutions(instance, merchantOnboarding.id, updates.length);
		expect(executions).toHaveLength(updates.length);
		const ready = [];
		for (const execution of executions) {
			expect(execution.status).toBe('success');
			const run = await instance.n8n.executionRun(execution.id);
			if (run.resultData.runData['Merchant Ready']) ready.push(singleItemOf(run, 'Merchant Ready'));
		}
		expect(ready).toEqual([
			{
				account: merchant.id,
				email: 'hello@river-cafe.example',
				merchantRef: 'm_2002',
				chargesEnabled: true,
				payoutsEnabled: true,
				message: 'River Cafe can now accept payments.',
			},
		]);
	});

	it('deletes its webhook endpoints when the workflows are unpublished through the REST API', async () => {
		const endpoints = sandbox.state.listObjects('webhook_endpoint');
		sandbox.clearRequests();

		for (const workflow of [failedPayoutAlert, disputeDesk, merchantOnboarding]) {
			await instance.n8n.deactivateWorkflow(workflow.id);
		}

		expect(await waitForEndpoints(sandbox, 0)).toEqual([]);
		expect(
			sandbox
				.requests({ method: 'DELETE' })
				.map((request) => [request.path, request.status])
				.sort(),
		).toEqual(endpoints.map((endpoint) => [`/v1/webhook_endpoints/${endpoint.id}`, 200]).sort());
	});
});
