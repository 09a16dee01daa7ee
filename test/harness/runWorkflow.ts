/**
 * Runs an n8n workflow JSON in-process with the real n8n-core engine and returns what every node
 * produced. Used by the node suites so they exercise real n8n behaviour (parameter resolution,
 * RoutingNode, Retry On Fail, Continue On Fail) in the test process, without starting n8n.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
	IRunData,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';

import { TESTED_STRIPE_API_VERSION } from '../../nodes/shared/stripeApi';
import {
	createAdditionalData,
	createNodeTypes,
	nextExecutionId,
	type HarnessNodeTypes,
} from './n8nRuntime';

export { PACKAGE_NAME } from './n8nRuntime';

const repositoryRoot = resolve(__dirname, '../..');

/** A workflow as n8n exports it (the fields the engine needs). */
export type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> &
	Partial<Pick<IWorkflowBase, 'name' | 'settings' | 'staticData'>>;

export interface RunWorkflowOptions {
	/** Credential data by credential type name, e.g. `sandboxCredentials(sandbox)`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The items the start node emits (default: one empty item, like the Manual Trigger). */
	inputItems?: IDataObject[];
	/** Use a given execution id (to model a re-run of the same execution). */
	executionId?: string;
	/** Further node classes to register beside the package's own (harness self-tests). */
	extraNodes?: INodeType[];
}

export interface NodeError {
	node: string;
	message: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
	name?: string;
}

export interface WorkflowRunResult {
	/** Each node's output of its last run: one array of items per output. */
	outputs: Record<string, INodeExecutionData[][]>;
	/** The error that stopped the workflow, if one did. */
	error?: NodeError;
	status: IRun['status'];
	executionId: string;
	runData: IRunData;
}

let packageNodesPromise: Promise<INodeType[]> | undefined;

/** Loads every `nodes/<Name>/<Name>.node.ts` class from source once per process. */
async function loadPackageNodes(): Promise<INodeType[]> {
	const nodesDir = join(repositoryRoot, 'nodes');
	const nodeClasses: INodeType[] = [];
	for (const folder of readdirSync(nodesDir, { withFileTypes: true })) {
		const file = join(nodesDir, folder.name, `${folder.name}.node.ts`);
		if (!folder.isDirectory() || !existsSync(file)) continue;
		const module = (await import(file)) as Record<string, new () => INodeType>;
		const NodeClass = module[folder.name];
		if (typeof NodeClass !== 'function') {
			throw new Error(`${file} does not export a class named ${folder.name}`);
		}
		nodeClasses.push(new NodeClass());
	}
	return nodeClasses;
}

async function getNodeTypes(extraNodes: INodeType[] = []): Promise<HarnessNodeTypes> {
	packageNodesPromise ??= loadPackageNodes();
	return createNodeTypes([...(await packageNodesPromise), ...extraNodes]);
}

/** Reads a workflow fixture (JSON as exported from n8n). */
export function loadWorkflowFixture(path: string): WorkflowJson {
	return JSON.parse(readFileSync(path, 'utf8')) as WorkflowJson;
}

/** Credential data for `stripeConnectApi` pointing at a running sandbox. */
export function sandboxCredentials(
	sandbox: { url: string; secretKey: string },
	overrides: ICredentialDataDecryptedObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		stripeConnectApi: {
			secretKey: sandbox.secretKey,
			apiVersion: TESTED_STRIPE_API_VERSION,
			baseUrl: sandbox.url,
			...overrides,
		},
	};
}

function describeNodeError(nodeName: string, error: unknown): NodeError {
	const e = error as IDataObject & { message?: string };
	return {
		node: nodeName,
		name: e.name as string | undefined,
		message: String(e.message ?? error),
		description: (e.description as string | null | undefined) ?? null,
		httpCode: (e.httpCode as string | null | undefined) ?? null,
		context: e.context as IDataObject | undefined,
	};
}

/**
 * Executes the workflow the way a production execution runs: the start node's items are on the
 * execution stack and every other node runs through n8n-core's WorkflowExecute.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	const nodeTypes = await getNodeTypes(options.extraNodes);
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: workflowJson.name ?? 'Harness workflow',
		nodes: structuredClone(workflowJson.nodes),
		connections: structuredClone(workflowJson.connections),
		settings: workflowJson.settings,
		staticData: structuredClone(workflowJson.staticData ?? {}),
		active: false,
		nodeTypes,
	});
	const startNode = workflow.getStartNode();
	if (!startNode) {
		throw new Error('The workflow has no start node');
	}

	const executionId = options.executionId ?? nextExecutionId();
	const mode = 'trigger';
	const additionalData = createAdditionalData({
		executionId,
		mode,
		credentials: options.credentials ?? {},
		workflowData: {
			id: workflow.id,
			name: workflow.name ?? '',
			nodes: workflowJson.nodes,
			connections: workflowJson.connections,
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as IWorkflowBase,
	});
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	additionalData.hooks!.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));

	const inputItems = (options.inputItems ?? [{}]).map((json) => ({ json }));
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: startNode, data: { main: [inputItems] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await finished;
	const runData = run.data.resultData.runData;

	const outputs: Record<string, INodeExecutionData[][]> = {};
	let error: NodeError | undefined;
	for (const [nodeName, taskRuns] of Object.entries(runData)) {
		const lastRun = taskRuns[taskRuns.length - 1];
		outputs[nodeName] = (lastRun?.data?.main ?? []).map((items) => items ?? []);
		if (lastRun?.error) {
			error = describeNodeError(nodeName, lastRun.error);
		}
	}
	if (!error && run.data.resultData.error) {
		error = describeNodeError(
			run.data.resultData.lastNodeExecuted ?? 'workflow',
			run.data.resultData.error,
		);
	}
	return { outputs, error, status: run.status, executionId, runData };
}
