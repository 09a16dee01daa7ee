/**
 * Worker process: runs a batch of Transfer → Create items through the in-process n8n runner (real
 * n8n-core RoutingNode, our node from source) and reports when n8n had prepared every item, when the
 * first request left, and when the run ended. A dry run replaces sending with the node's own work
 * on each item (reading and checking its parameters, encoding, keying) and times it.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { WorkflowExpression } from 'n8n-workflow';

import { transferCreateOperation } from '../../nodes/StripeConnect/resources/transfer/create';
import { builtStripeOperations } from '../../nodes/StripeConnect/shared/operation';
import { ParameterReader } from '../../nodes/StripeConnect/shared/parameterReader';
import { writeStripeRequest } from '../../nodes/StripeConnect/shared/parameters';
import { encodeStripeBody } from '../../nodes/shared/transport/formEncoding';
import { deriveRerunSafeKey } from '../../nodes/shared/transport/idempotency';
import {
	loadWorkflowFixture,
	runWorkflow,
	sandboxCredentials,
} from '../../test/harness/runWorkflow';
import { serveWorker } from '../lib/freshProcess';

/** One batch to send. */
export interface BulkTransfersInput {
	sandbox: { url: string; secretKey: string };
	destination: string;
	items: number;
	/** The credential's Requests per Second. */
	requestsPerSecond: number;
	/** Runs of the same items, each a new execution (two for the re-run scenario). */
	runs: number;
	/** Time the node's own work per item instead of sending. */
	dryRun?: boolean;
	/** The first amount, so batches of one sandbox never repeat an item. */
	firstAmount: number;
	/** Warm n8n up with 5 transfers first (default); off when the sandbox plans failures for transfers. */
	warmUp?: boolean;
	/** The node's Request Options → Batching, which lets n8n send while it prepares later items. */
	batching?: { batchSize: number; batchInterval: number };
}

/** What one run of the batch did. */
export interface BulkRunFigures {
	wallMs: number;
	/** From the start of the run until n8n had prepared every item (the last item reached the node). */
	preparedAllMs: number;
	/** From the start of the run until the node sent its first request. */
	firstRequestMs: number;
	/** CPU time of the worker during the run (user + system), less disturbed by other load than wall time. */
	cpuMs: number;
	items: number;
	replayed: number;
	error?: string;
	/** Dry run: the node's own work (read, check, write, encode, key) per item, in microseconds. */
	nodeWorkMicroseconds?: number;
	/**
	 * Dry run: expressions n8n evaluated per item before the item reached the node (RoutingNode
	 * resolving the value of every property's name, twice), and while the node read its parameters.
	 */
	expressionsPerItem?: { beforeTheNode: number; byTheNode: number };
}

export interface BulkTransfersOutput {
	runs: BulkRunFigures[];
}

type Hook = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

const workflow = loadWorkflowFixture(join(__dirname, '../fixtures/transfers-bulk.json'));
const operations = transferCreateOperation.routing!.operations!;
const sendTransfer = operations.pagination as Hook;

let runStartedAt = 0;
let lastHookEntry = 0;
let firstRequest = 0;
let nodeWork = 0;
let expressions = 0;
let nodeExpressions = 0;

/** Counts the expressions n8n evaluates (every parameter value that starts with `=`). */
const resolveSimpleParameterValue = WorkflowExpression.prototype.resolveSimpleParameterValue;
WorkflowExpression.prototype.resolveSimpleParameterValue = function (value, ...rest) {
	if (typeof value === 'string' && value.startsWith('=')) expressions++;
	return resolveSimpleParameterValue.call(this, value, ...rest);
};

/** Records when each item reaches the node and when the first request leaves, then sends it. */
const measuringHook: Hook = async function (this, requestData) {
	lastHookEntry = performance.now();
	const send = this.helpers.httpRequestWithAuthentication;
	this.helpers.httpRequestWithAuthentication = async function (...args) {
		if (firstRequest === 0) firstRequest = performance.now();
		return await send.apply(this, args);
	};
	return await sendTransfer.call(this, requestData);
};

/** Does what the node does to an item before sending it, and times that instead of sending. */
const dryHook: Hook = async function (this) {
	lastHookEntry = performance.now();
	const recipe = builtStripeOperations().find(
		(summary) => summary.resource === 'transfer' && summary.operation === 'create',
	)!.recipe;
	const started = performance.now();
	const expressionsBefore = expressions;
	const { request } = writeStripeRequest(new ParameterReader(this), recipe);
	deriveRerunSafeKey(
		{ workflowId: 'w', nodeId: 'n', runIndex: 0, itemIndex: this.getItemIndex(), operation: 'o' },
		request,
		encodeStripeBody(request.path, request.body).text,
	);
	nodeWork += performance.now() - started;
	nodeExpressions += expressions - expressionsBefore;
	return [{ json: {} }];
};

async function runOnce(input: BulkTransfersInput, count: number, firstAmount: number) {
	const inputItems = Array.from({ length: count }, (_, index) => ({
		destination: input.destination,
		amount: firstAmount + index,
		group: `bench-${firstAmount}`,
	}));
	lastHookEntry = 0;
	firstRequest = 0;
	nodeWork = 0;
	expressions = 0;
	nodeExpressions = 0;
	const batched = structuredClone(workflow);
	if (input.batching) {
		batched.nodes[1].parameters.requestOptions = { batching: { batch: input.batching } };
	}
	const cpuBefore = process.cpuUsage();
	runStartedAt = performance.now();
	const result = await runWorkflow(batched, {
		credentials: sandboxCredentials(input.sandbox, {
			requestsPerSecond: input.requestsPerSecond,
		}),
		inputItems,
	});
	const ended = performance.now();
	const cpu = process.cpuUsage(cpuBefore);
	const output = result.outputs['Stripe Connect']?.[0] ?? [];
	const figures: BulkRunFigures = {
		wallMs: ended - runStartedAt,
		preparedAllMs: lastHookEntry - runStartedAt,
		firstRequestMs: firstRequest === 0 ? Number.NaN : firstRequest - runStartedAt,
		cpuMs: (cpu.user + cpu.system) / 1000,
		items: output.length,
		replayed: output.filter(
			(item) =>
				(item.json._stripe as { idempotentReplayed?: boolean } | undefined)?.idempotentReplayed,
		).length,
		...(result.error ? { error: result.error.message } : {}),
	};
	if (input.dryRun) {
		figures.nodeWorkMicroseconds = (nodeWork * 1000) / count;
		figures.expressionsPerItem = {
			beforeTheNode: (expressions - nodeExpressions) / count,
			byTheNode: nodeExpressions / count,
		};
	}
	return figures;
}

serveWorker<BulkTransfersInput, BulkTransfersOutput>(
	async (input) => {
		operations.pagination = (
			input.dryRun ? dryHook : measuringHook
		) as typeof operations.pagination;
		const runs: BulkRunFigures[] = [];
		for (let run = 0; run < input.runs; run++) {
			runs.push(await runOnce(input, input.items, input.firstAmount));
		}
		return { runs };
	},
	async (input) => {
		if (input.warmUp === false) return;
		// Load and warm n8n and the node with a few items of their own.
		// Warm-up amounts (1–5 cents) stay below every batch's amounts.
		const warmUp = await runOnce({ ...input, dryRun: false }, 5, 1);
		if (warmUp.error) throw new Error(`warm-up run failed: ${warmUp.error}`);
		// Let Stripe's bucket (and ours) refill after the warm-up's requests.
		await new Promise((resolve) => setTimeout(resolve, 1_100));
	},
);
