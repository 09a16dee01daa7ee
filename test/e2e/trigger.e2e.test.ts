/**
 * The Stripe Connect Trigger inside a real n8n 2.41.1: published workflows register their webhook
 * endpoints in the sandbox when `n8n start` runs, signed deliveries start them exactly once per event,
 * forged ones start nothing, and unpublishing through n8n's REST API deletes the endpoints. Also
 * checks that n8n offers the action node's AI-tool variant.
 */
import { join } from 'node:path';

import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { startSandbox } from '../../stripe-sandbox';
import type { StripeObject, StripeSandbox } from '../../stripe-sandbox';
import type { N8nExecutionSummary } from '../../scripts/lib/n8nRunData';
import { PACKAGE_NAME, REPO_ROOT } from '../../scripts/lib/repository';
import {
	disputeADestinationCharge,
	failAnotherPayout,
	loadWorkflow,
	prepareN8n,
	printServerLog,
	seedFailingPayout,
	singleItemOf,
	stripeCredential,
	triggerWebhookIdOf,
	waitForEndpoints,
	waitForExecutions,
} from './support';
import type { E2eN8n, WorkflowJson } from './support';
import { forgeriesOf, postDelivery } from './stripeDeliveries';

const examplesDir = join(REPO_ROOT, 'examples');

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
		({ account, failingPayout } = seedFailingPayout(sandbox));

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
		await failAnotherPayout(sandbox, account.id);
		return await waitForExecutions(instance.n8n, failedPayoutAlert.id, expectedExecutions);
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
					endpoint.url === instance.n8n.webhookUrl(triggerWebhookIdOf(workflow), 'webhook'),
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
		const executions = await waitForExecutions(instance.n8n, failedPayoutAlert.id, 1);
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

		const statuses: number[] = [];
		for (const forgery of forgeriesOf(genuine)) {
			statuses.push(
				(await postDelivery(genuine.url, forgery.rawBody, forgery.signatureHeader)).status,
			);
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
		const { payment, dispute } = await disputeADestinationCharge(sandbox, String(account.id));

		const deliveries = sandbox
			.deliveries()
			.filter((delivery) => delivery.type === 'charge.dispute.created');
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const executions = await waitForExecutions(instance.n8n, disputeDesk.id, 1);
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
		// The seller's transfer gives the disputed amount back, once; both writes are keyed on the event,
		// so a duplicate execution of the same event moves nothing.
		const [eventId] = deliveries.map((delivery) => delivery.eventId);
		expect(update.idempotencyKey).toBe(`${eventId}:draft-evidence`);
		const reversals = sandbox
			.requests({ method: 'POST' })
			.filter((request) => /^\/v1\/transfers\/tr_\w+\/reversals$/.test(request.path));
		expect(
			reversals.map((request) => [request.status, request.idempotencyKey, request.body]),
		).toEqual([
			[
				200,
				`${eventId}:reverse-transfer`,
				{ amount: '6000', description: `Dispute ${dispute.id}`, metadata: { dispute: dispute.id } },
			],
		]);
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
		const executions = await waitForExecutions(instance.n8n, merchantOnboarding.id, updates.length);
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
