/**
 * Worker process: runs the Return All workflow fixture through the in-process n8n runner (real
 * n8n-core, our node from source) for one connected account and reports what it returned.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import {
	loadWorkflowFixture,
	runWorkflow,
	sandboxCredentials,
} from '../../test/harness/runWorkflow';
import { serveWorker } from '../lib/freshProcess';

/** Where and whom to list. */
export interface ReturnAllInput {
	sandbox: { url: string; secretKey: string };
	account: string;
	/** An account with a few transactions, listed once before measuring to load and warm n8n. */
	warmUpAccount: string;
}

/** What the node returned. */
export interface ReturnAllOutput {
	durationMs: number;
	/** Heap still in use after a full garbage collection, with the items held, minus the same before the run. */
	retainedHeapBytes: number;
	items: number;
	distinctIds: number;
	error?: string;
}

/** Full garbage collection (the worker runs with --expose-gc). */
function collectGarbage(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('the Return All worker needs --expose-gc');
	gc();
	return process.memoryUsage().heapUsed;
}

let heapBeforeRun = 0;

const workflow = loadWorkflowFixture(
	join(__dirname, '../fixtures/balance-transactions-return-all.json'),
);

async function listAll(input: ReturnAllInput, account: string) {
	return runWorkflow(workflow, {
		credentials: sandboxCredentials(input.sandbox),
		inputItems: [{ account }],
	});
}

serveWorker<ReturnAllInput, ReturnAllOutput>(
	async (input, sampler) => {
		const started = performance.now();
		const result = await listAll(input, input.account);
		const durationMs = performance.now() - started;
		sampler.sample();
		const items = result.outputs['Stripe Connect']?.[0] ?? [];
		const retainedHeapBytes = collectGarbage() - heapBeforeRun;
		return {
			durationMs,
			retainedHeapBytes,
			items: items.length,
			distinctIds: new Set(items.map((item) => item.json.id)).size,
			...(result.error ? { error: result.error.message } : {}),
		};
	},
	async (input) => {
		const warmUp = await listAll(input, input.warmUpAccount);
		if (warmUp.error) throw new Error(`warm-up run failed: ${warmUp.error.message}`);
		heapBeforeRun = collectGarbage();
	},
);
