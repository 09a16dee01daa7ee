/**
 * Shared pieces of the end-to-end suite: a real n8n in a temp user folder with the packed package
 * installed, the sandbox credential, workflow fixtures and readers for `n8n execute` output.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { inject } from 'vitest';

import { findFreePort } from '../../scripts/lib/freePort';
import { LocalN8n } from '../../scripts/lib/localN8n';
import { UNFINISHED_STATUSES } from '../../scripts/lib/n8nRestApi';
import { makeOwner } from '../../scripts/lib/n8nInstall';
import type { N8nExecutionSummary, N8nItem, N8nRunData } from '../../scripts/lib/n8nRunData';
import { installPackageTarball } from '../../scripts/lib/packageTarball';
import { PACKAGE_NAME, REPO_ROOT } from '../../scripts/lib/repository';
import { makeTempFolder, removeTempFolder } from '../../scripts/lib/tempFolder';
import type { StripeObject, StripeSandbox } from '../../stripe-sandbox';
import { ensurePostgresInstalled } from '../../scripts/lib/postgres';
import { startQueueMode } from '../../scripts/lib/queueMode';
import type { QueueModeN8n } from '../../scripts/lib/queueMode';
import { ensureRedisInstalled } from '../../scripts/lib/redis';

/** The Stripe Connect Trigger's node type as n8n names it for the installed package. */
export const TRIGGER_TYPE = `${PACKAGE_NAME}.stripeConnectTrigger`;

/** The id every fixture uses for the Stripe Connect credential. */
export const CREDENTIAL_ID = 'stripeSandboxCred';

/** The credential name fixtures and examples refer to. */
export const CREDENTIAL_NAME = 'Stripe Connect (sandbox)';

/** A running (or ready to run) n8n and the temp folder it lives in. */
export interface E2eN8n {
	n8n: LocalN8n;
	userFolder: string;
	/** Stops n8n if started and deletes the user folder. */
	dispose(): Promise<void>;
}

/** Makes a fresh n8n user folder with the packed package installed as a community package. */
export async function prepareN8n(options: { withOwner?: boolean } = {}): Promise<E2eN8n> {
	const install = inject('n8nInstall');
	const userFolder = makeTempFolder('e2e-n8n');
	let n8n: LocalN8n;
	try {
		await installPackageTarball(inject('packageTarball'), userFolder);
		n8n = new LocalN8n({
			install,
			userFolder,
			port: await findFreePort(),
			runnersBrokerPort: await findFreePort(),
			owner: options.withOwner ? await makeOwner(install) : undefined,
		});
	} catch (error) {
		removeTempFolder(userFolder);
		throw error;
	}
	return {
		n8n,
		userFolder,
		async dispose() {
			await n8n.stop();
			removeTempFolder(userFolder);
		},
	};
}

/**
 * Starts n8n in queue mode (PostgreSQL, Redis, main, worker, webhook processor), each n8n process with
 * the packed package installed, and an owner for the REST API. Prints what the PostgreSQL binaries and
 * Redis cost to get: a first run installs them, later runs find them.
 */
export async function prepareQueueN8n(
	options: { beforeN8nStarts?: (main: LocalN8n) => Promise<void> } = {},
): Promise<QueueModeN8n> {
	const install = inject('n8nInstall');
	const seconds = async <T>(work: () => Promise<T>): Promise<[T, string]> => {
		const started = performance.now();
		const result = await work();
		return [result, ((performance.now() - started) / 1000).toFixed(1)];
	};
	const [postgresInstall, postgresSeconds] = await seconds(ensurePostgresInstalled);
	const [, redisSeconds] = await seconds(ensureRedisInstalled);
	console.log(
		`Queue-mode parts ready: PostgreSQL binaries in ${postgresSeconds} s, Redis in ${redisSeconds} s (a first run installs them, later runs find them)`,
	);
	const cluster = await startQueueMode({
		n8nInstall: install,
		postgresInstall,
		packageTarball: inject('packageTarball'),
		owner: await makeOwner(install),
		beforeN8nStarts: options.beforeN8nStarts,
	});
	console.log(`Queue mode is up:\n${cluster.describe()}`);
	return cluster;
}

/** Prints the end of each queue-mode n8n process's log, so a failure in CI shows what n8n said. */
export function printQueueLogs(cluster: QueueModeN8n | undefined, lines = 60): void {
	if (!cluster) return;
	for (const n8n of [cluster.main, cluster.webhook, cluster.worker]) {
		const tail = n8n.serverLog().split('\n').slice(-lines).join('\n');
		console.error(`--- last ${lines} lines of the n8n ${n8n.role} log ---\n${tail}`);
	}
}

/** Prints the end of n8n's server log, so a failure in CI shows what n8n said. */
export function printServerLog(instance: E2eN8n | undefined, lines = 80): void {
	if (!instance || !existsSync(instance.n8n.serverLogPath)) return;
	const tail = readFileSync(instance.n8n.serverLogPath, 'utf8')
		.split('\n')
		.slice(-lines)
		.join('\n');
	console.error(`--- last ${lines} lines of the n8n server log ---\n${tail}`);
}

/** The `stripeConnectApi` credential, in n8n's import format, pointing at a Stripe API base URL. */
export function stripeCredential(target: { url: string; secretKey: string; apiVersion?: string }) {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'stripeConnectApi',
		data: {
			secretKey: target.secretKey,
			apiVersion: target.apiVersion ?? '2026-10-28.endive',
			baseUrl: target.url,
		},
	};
}

/** A workflow in n8n's import format. */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
		webhookId?: string;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * Reads a workflow JSON and fills the placeholders fixtures may use: `__SANDBOX_URL__` and any
 * `__NAME__` given in `values` (ids of objects the test seeded in the sandbox).
 */
export function loadWorkflow(path: string, values: Record<string, string> = {}): WorkflowJson {
	let text = readFileSync(path, 'utf8');
	for (const [name, value] of Object.entries(values)) {
		text = text.split(`__${name}__`).join(value);
	}
	const leftover = /__[A-Z][A-Z0-9_]*__/.exec(text);
	if (leftover) throw new Error(`${path} still contains the placeholder ${leftover[0]}`);
	return JSON.parse(text) as WorkflowJson;
}

/** The workflow fixtures of this suite, by file name. */
export function fixturePaths(): string[] {
	const folder = join(REPO_ROOT, 'test', 'e2e', 'workflows');
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.map((name) => join(folder, name));
}

/** The example workflows shipped in examples/. */
export function examplePaths(): string[] {
	const folder = join(REPO_ROOT, 'examples');
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.map((name) => join(folder, name));
}

/** The items a node returned on its first main output (throws when the node did not run). */
export function itemsOf(run: N8nRunData, nodeName: string): Array<Record<string, unknown>> {
	const runs = run.resultData.runData[nodeName];
	if (!runs?.length) {
		const ran = Object.keys(run.resultData.runData).join(', ');
		const failure = run.resultData.error?.message ?? 'none';
		throw new Error(`Node "${nodeName}" did not run (ran: ${ran}; workflow error: ${failure})`);
	}
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`Node "${nodeName}" failed: ${last.error.message}`);
	return (last.data?.main?.[0] ?? []).map((item: N8nItem) => item.json);
}

/** The single item a node returned. */
export function singleItemOf(run: N8nRunData, nodeName: string): Record<string, unknown> {
	const items = itemsOf(run, nodeName);
	if (items.length !== 1) {
		throw new Error(`Node "${nodeName}" returned ${items.length} items, expected exactly one`);
	}
	return items[0];
}

/** Waits until a workflow has `count` finished executions (n8n runs them after answering Stripe). */
export async function waitForExecutions(
	n8n: LocalN8n,
	workflowId: string,
	count: number,
): Promise<N8nExecutionSummary[]> {
	const deadline = Date.now() + 120_000;
	let executions: N8nExecutionSummary[] = [];
	while (Date.now() < deadline) {
		executions = await n8n.executionsOf(workflowId);
		const finished = executions.filter(
			(execution) => !UNFINISHED_STATUSES.includes(execution.status),
		);
		if (finished.length >= count) return executions;
		await new Promise((wake) => setTimeout(wake, 500));
	}
	return executions;
}

/** Waits until the sandbox holds `count` webhook endpoints (n8n activates workflows after it is ready). */
export async function waitForEndpoints(
	sandbox: StripeSandbox,
	count: number,
): Promise<StripeObject[]> {
	const deadline = Date.now() + 120_000;
	let endpoints = sandbox.state.listObjects('webhook_endpoint');
	while (endpoints.length !== count && Date.now() < deadline) {
		await new Promise((wake) => setTimeout(wake, 250));
		endpoints = sandbox.state.listObjects('webhook_endpoint');
	}
	return endpoints;
}

/** The webhookId of a workflow's Stripe Connect Trigger (part of its production webhook URL). */
export function triggerWebhookIdOf(workflow: WorkflowJson): string {
	const node = workflow.nodes.find((candidate) => candidate.type === TRIGGER_TYPE);
	if (!node?.webhookId) {
		throw new Error(`${workflow.name} has no Stripe Connect Trigger with a webhookId`);
	}
	return node.webhookId;
}

/**
 * A destination charge to `account` that the customer disputes at once; resolves when the sandbox
 * has delivered the dispute's events. The request log is cleared between the two.
 */
export async function disputeADestinationCharge(sandbox: StripeSandbox, account: string) {
	const payment = sandbox.state.createPaymentIntent({
		amount: 60_00,
		currency: 'usd',
		transfer_data: { destination: account },
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
	return { payment, dispute };
}

/** A connected account with one payout on its way that fails (account_closed) when it arrives. */
export function seedFailingPayout(sandbox: StripeSandbox) {
	const account = sandbox.state.createConnectedAccount({
		country: 'US',
		email: 'payouts@harbor-bikes.example',
		business_name: 'Harbor Bikes',
	});
	const failingPayout = sandbox.state.createAutomaticPayout({
		account: account.id,
		currency: 'usd',
		amount: 123_45,
		status: 'in_transit',
		willFail: true,
		failure_code: 'account_closed',
	});
	return { account, failingPayout };
}

/** Makes one more payout of `account` fail: a payout on its way, then two days on the sandbox clock. */
export async function failAnotherPayout(sandbox: StripeSandbox, account: string): Promise<void> {
	sandbox.state.createAutomaticPayout({
		account,
		currency: 'usd',
		amount: 50_00,
		status: 'in_transit',
		willFail: true,
	});
	await sandbox.advanceTime(2 * 86_400);
}
