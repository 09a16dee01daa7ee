/**
 * The package on n8n's production scaling layout: queue mode with PostgreSQL and Redis, one main, one
 * worker and one webhook processor, each with the package installed from its `npm pack` tarball.
 *
 * Where something ran is proven twice: n8n's own record (the worker logs "Worker finished execution
 * <id>", the main "Enqueued execution <id>"), and the operating system's — every request to the
 * Stripe sandbox passes a relay that looks up which process owns the connection. A request from the
 * worker's pid carrying the secret key means the worker decrypted the credential itself: the key exists
 * only encrypted in PostgreSQL.
 */
import { join } from 'node:path';

import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { startSandbox } from '../../stripe-sandbox';
import type { StripeObject, StripeSandbox } from '../../stripe-sandbox';
import type { N8nExecutionSummary } from '../../scripts/lib/n8nRunData';
import { REPO_ROOT } from '../../scripts/lib/repository';
import type { QueueModeN8n } from '../../scripts/lib/queueMode';
import { actionScenarioTests, fixtureValues, seedActionSandbox } from './actionScenarios';
import type { ActionContext, SeededActionIds } from './actionScenarios';
import { startOriginRecordingRelay } from './requestOrigins';
import type { OriginRecordingRelay, RequestOrigin } from './requestOrigins';
import {
	disputeADestinationCharge,
	failAnotherPayout,
	loadWorkflow,
	prepareQueueN8n,
	printQueueLogs,
	seedFailingPayout,
	singleItemOf,
	stripeCredential,
	triggerWebhookIdOf,
	waitForEndpoints,
	waitForExecutions,
} from './support';
import type { WorkflowJson } from './support';
import { forgeriesOf, postDelivery } from './stripeDeliveries';

const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
const examplesDir = join(REPO_ROOT, 'examples');

/** Resolves once `text()` contains `expected`, or fails after `timeoutMs` (logs are written asynchronously). */
async function waitForLogLine(text: () => string, expected: string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!text().includes(expected) && Date.now() < deadline) {
		await new Promise((wake) => setTimeout(wake, 100));
	}
	return text().includes(expected);
}

describe('queue mode: PostgreSQL, Redis, a main, a worker and a webhook processor', () => {
	let sandbox: StripeSandbox;
	let relay: OriginRecordingRelay;
	let cluster: QueueModeN8n;
	let ids: SeededActionIds;

	/** Which process each pid is. */
	function roleOf(origin: RequestOrigin): string {
		const pids = cluster.pids();
		if (origin.pid === pids.main) return 'main';
		if (origin.pid === pids.worker) return 'worker';
		if (origin.pid === pids.webhook) return 'webhook processor';
		return `unknown process ${origin.pid}`;
	}

	/** Each request to Stripe since the last clear, as "<process> <METHOD> <path>". */
	function originsOfStripeRequests(): string[] {
		return relay.requests().map((origin) => `${roleOf(origin)} ${origin.method} ${origin.path}`);
	}

	/** The worker ran the execution (its log says so), and the main only enqueued it. */
	async function expectRanOnWorker(executionId: string): Promise<void> {
		const finished = `Worker finished execution ${executionId} (job`;
		expect(
			await waitForLogLine(() => cluster.worker.serverLog(), finished),
			`the worker's log has "${finished}"`,
		).toBe(true);
		for (const other of [cluster.main, cluster.webhook]) {
			expect(other.serverLog()).not.toContain(`started execution ${executionId} (job`);
		}
	}

	beforeAll(async () => {
		sandbox = await startSandbox();
		ids = seedActionSandbox(sandbox);
		relay = await startOriginRecordingRelay(sandbox.port, () => {
			if (!cluster) return [];
			const { main, worker, webhook } = cluster.pids();
			return [main, worker, webhook];
		});
		cluster = await prepareQueueN8n({
			beforeN8nStarts: (main) =>
				main.importCredentials([stripeCredential({ ...sandbox, url: relay.url })]),
		});
	});

	beforeEach(() => {
		onTestFailed(() => printQueueLogs(cluster));
	});

	afterAll(async () => {
		await cluster?.stop();
		await relay?.close();
		await sandbox?.close();
	});

	it('runs PostgreSQL 17 or newer, which n8n 2.41.1 supports', () => {
		const major = Number(/PostgreSQL\)? (\d+)/.exec(cluster.postgres.version)?.[1]);
		expect(major).toBeGreaterThanOrEqual(17);
		// n8n's own version policy (@n8n/db postgres-version-policy) warns at start below 17.
		for (const n8n of [cluster.main, cluster.worker, cluster.webhook]) {
			expect(n8n.serverLog()).not.toMatch(/Postgres \d+ is (not supported|outside the supported)/);
		}
	});

	describe('the action node, every resource, run on the worker', () => {
		let context: ActionContext;

		beforeAll(() => {
			context = {
				sandbox,
				...ids,
				async runFixture(file, folder) {
					const workflow = loadWorkflow(join(folder, file), fixtureValues(ids, relay.url));
					const start = workflow.nodes.find((node) => node.type === MANUAL_TRIGGER_TYPE);
					if (!start) throw new Error(`${file} has no manual trigger to run from`);
					const workflowId = await cluster.main.createWorkflow(workflow);
					sandbox.clearRequests();
					relay.clear();

					// "Execute workflow" in the editor: queued by the main, run by the worker.
					const executionId = await cluster.main.runManually(workflowId, start.name);
					await cluster.main.waitForExecution(executionId);

					await expectRanOnWorker(executionId);
					expect(cluster.main.serverLog()).toContain(`Enqueued execution ${executionId} (job`);
					const requests = sandbox.requests();
					expect(originsOfStripeRequests()).toEqual(
						requests.map((request) => `worker ${request.method} ${request.path}`),
					);
					return { run: await cluster.main.executionRun(executionId), requests };
				},
			};
		});

		actionScenarioTests(() => context);
	});

	describe('the trigger: registered by the main, received by the webhook processor, run on the worker', () => {
		let account: Stripe.Account;
		let failingPayout: Stripe.Payout;
		const published = {} as Record<
			'failedPayoutAlert' | 'disputeDesk',
			{ id: string; workflow: WorkflowJson }
		>;

		async function failAnotherPayoutAndWait(expected: number): Promise<N8nExecutionSummary[]> {
			await failAnotherPayout(sandbox, account.id);
			return await waitForExecutions(cluster.main, published.failedPayoutAlert.id, expected);
		}

		beforeAll(async () => {
			({ account, failingPayout } = seedFailingPayout(sandbox));
			for (const [key, file] of [
				['failedPayoutAlert', 'failed-payout-alert.json'],
				['disputeDesk', 'dispute-desk.json'],
			] as const) {
				const workflow = loadWorkflow(join(examplesDir, file));
				published[key] = { id: await cluster.main.createWorkflow(workflow), workflow };
			}
		});

		it("registers one endpoint per trigger from the main, at the webhook processor's URL, when published through the main", async () => {
			sandbox.clearRequests();
			relay.clear();

			for (const { id } of Object.values(published)) await cluster.main.activateWorkflow(id);

			const endpoints = await waitForEndpoints(sandbox, 2);
			expect(endpoints.map((endpoint) => [endpoint.url, endpoint.enabled_events]).sort()).toEqual(
				[
					[
						cluster.webhook.webhookUrl(
							triggerWebhookIdOf(published.failedPayoutAlert.workflow),
							'webhook',
						),
						['payout.failed'],
					],
					[
						cluster.webhook.webhookUrl(
							triggerWebhookIdOf(published.disputeDesk.workflow),
							'webhook',
						),
						['charge.dispute.created'],
					],
				].sort(),
			);
			expect(cluster.webhook.webhookBaseUrl).toBe(cluster.urls.webhooks);
			const creates = sandbox.requests({ method: 'POST', path: '/v1/webhook_endpoints' });
			expect(creates.map((create) => create.status)).toEqual([200, 200]);
			const origins = originsOfStripeRequests();
			expect(origins).toContain('main POST /v1/webhook_endpoints');
			expect(origins.filter((origin) => !origin.startsWith('main '))).toEqual([]);
		});

		it('runs the failed-payout alert exactly once, on the worker, for the delivery the webhook processor received', async () => {
			sandbox.clearRequests();
			relay.clear();

			await sandbox.advanceTime(2 * 86_400);

			const failures = sandbox.deliveries().filter((delivery) => delivery.type === 'payout.failed');
			expect(
				failures.map((delivery) => [
					delivery.status,
					delivery.url.startsWith(cluster.urls.webhooks),
				]),
			).toEqual([[200, true]]);
			const executions = await waitForExecutions(cluster.main, published.failedPayoutAlert.id, 1);
			expect(executions.map((execution) => [execution.status, execution.mode])).toEqual([
				['success', 'webhook'],
			]);
			await expectRanOnWorker(executions[0].id);
			const run = await cluster.main.executionRun(executions[0].id);
			expect(singleItemOf(run, 'Compose Alert')).toMatchObject({
				account: account.id,
				payout: failingPayout.id,
				amount: 123_45,
				failureCode: 'account_closed',
				eventId: failures[0].eventId,
			});
			expect(String(singleItemOf(run, 'Compose Alert').alert)).toContain(
				`Payout ${failingPayout.id} of $123.45 to Harbor Bikes (${account.id}) failed`,
			);
			// The account was fetched by the worker, with the credential it decrypted.
			expect(originsOfStripeRequests()).toEqual([`worker GET /v1/accounts/${account.id}`]);
			const [lookup] = sandbox.requests({ method: 'GET', path: `/v1/accounts/${account.id}` });
			expect([lookup.status, lookup.headers.authorization]).toEqual([
				200,
				`Bearer ${sandbox.secretKey}`,
			]);
		});

		it('drafts dispute evidence exactly once, on the worker, from a platform endpoint', async () => {
			relay.clear();
			const { payment, dispute } = await disputeADestinationCharge(sandbox, String(account.id));

			const deliveries = sandbox
				.deliveries()
				.filter((delivery) => delivery.type === 'charge.dispute.created');
			expect(deliveries.map((delivery) => delivery.status)).toEqual([200]);
			const executions = await waitForExecutions(cluster.main, published.disputeDesk.id, 1);
			expect(executions.map((execution) => execution.status)).toEqual(['success']);
			await expectRanOnWorker(executions[0].id);
			// Two branches (evidence, and the reversal of the seller's transfer) after the payment is read.
			const transfer = sandbox
				.requests({ method: 'POST' })
				.map((request) => /^\/v1\/transfers\/(tr_\w+)\/reversals$/.exec(request.path)?.[1])
				.find((id) => id !== undefined);
			expect(originsOfStripeRequests().sort()).toEqual(
				[
					`worker GET /v1/payment_intents/${payment.id}`,
					`worker POST /v1/disputes/${dispute.id}`,
					`worker POST /v1/transfers/${transfer}/reversals`,
				].sort(),
			);
			expect(sandbox.state.getObject(dispute.id)).toMatchObject({
				evidence: { product_description: 'Bike rental, 1 day' },
			});
		});

		it('acknowledges a redelivered event without starting the workflow again', async () => {
			const [failure] = sandbox
				.deliveries()
				.filter((delivery) => delivery.type === 'payout.failed');

			await sandbox.redeliver(failure.eventId);

			const attempts = sandbox
				.deliveries()
				.filter((delivery) => delivery.eventId === failure.eventId);
			expect(attempts.map((attempt) => attempt.status)).toEqual([200, 200]);
			const executions = await failAnotherPayoutAndWait(2);
			expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		});

		it('refuses forged deliveries at the webhook processor with 401 and starts nothing', async () => {
			const [genuine] = sandbox
				.deliveries()
				.filter((delivery) => delivery.type === 'payout.failed');

			const statuses: number[] = [];
			for (const forgery of forgeriesOf(genuine)) {
				statuses.push(
					(await postDelivery(genuine.url, forgery.rawBody, forgery.signatureHeader)).status,
				);
			}

			expect(genuine.url.startsWith(cluster.urls.webhooks)).toBe(true);
			expect(statuses).toEqual([401, 401, 401]);
			expect(await failAnotherPayoutAndWait(3)).toHaveLength(3);
		});

		it('deletes its endpoints from the main when unpublished through the main', async () => {
			const endpoints = sandbox.state.listObjects('webhook_endpoint') as StripeObject[];
			sandbox.clearRequests();
			relay.clear();

			for (const { id } of Object.values(published)) await cluster.main.deactivateWorkflow(id);

			expect(await waitForEndpoints(sandbox, 0)).toEqual([]);
			expect(
				sandbox
					.requests({ method: 'DELETE' })
					.map((request) => [request.path, request.status])
					.sort(),
			).toEqual(endpoints.map((endpoint) => [`/v1/webhook_endpoints/${endpoint.id}`, 200]).sort());
			const origins = originsOfStripeRequests();
			expect(origins.filter((origin) => origin.includes(' DELETE '))).toHaveLength(2);
			expect(origins.filter((origin) => !origin.startsWith('main '))).toEqual([]);
		});
	});
});
