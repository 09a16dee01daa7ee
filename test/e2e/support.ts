/**
 * Shared pieces of the end-to-end suite: a real n8n in a temp user folder with the packed package
 * installed, the sandbox credential, workflow fixtures and readers for `n8n execute` output.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { inject } from 'vitest';

import {
	LocalN8n,
	REPO_ROOT,
	findFreePort,
	installPackageTarball,
	makeOwner,
	makeTempFolder,
	removeTempFolder,
} from '../../scripts/lib/localN8n';
import type { N8nItem, N8nRunData } from '../../scripts/lib/localN8n';

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
