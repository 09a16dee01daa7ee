/**
 * Runs a webhook trigger node the way n8n's CLI runs it, in-process, with the real n8n-core
 * contexts:
 * - activation and deactivation call the node's `webhookMethods` through n8n-core's HookContext,
 *   exactly as WebhookService.createWebhookIfNotExists / deleteWebhook do (checkExists, then create
 *   only when it returned false; delete on deactivation; a failed activation is rolled back with
 *   delete), and persist the static data afterwards like WorkflowStaticDataService.saveStaticData
 *   (only when the observable static data says it changed);
 * - a loopback HTTP receiver on 127.0.0.1 takes real HTTP requests (the sandbox's signed
 *   deliveries, or forged ones from a test), loads the workflow with the persisted static data as
 *   LiveWebhooks does for every request, calls the node's `webhook()` through n8n-core's
 *   WebhookContext with the real request (raw body kept, as n8n's body parser keeps it) and
 *   response, answers like n8n's webhook helpers when the node did not, starts the workflow with
 *   n8n-core's WorkflowExecute when the node returned items, and saves changed static data.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { StripeConnectTrigger } from '../../nodes/StripeConnectTrigger/StripeConnectTrigger.node';
import { createAdditionalData, createNodeTypes, nextExecutionId, PACKAGE_NAME } from './n8nRuntime';

export { sandboxCredentials } from './runWorkflow';

/** What happened to one HTTP request the trigger's webhook received. */
export interface HandledDelivery {
	/** The status the HTTP client received. */
	status: number;
	/** The body the HTTP client received (empty string when none). */
	responseBody: string;
	/** Whether a workflow execution started. */
	started: boolean;
	/** The items the trigger emitted (what the next node received), when it started. */
	items: INodeExecutionData[];
	/** The execution's status, when it started. */
	executionStatus?: IRun['status'];
	/** The error `webhook()` threw, if any (n8n answers 500 then). */
	error?: Error;
	/** The `Stripe-Signature` header the request carried. */
	signatureHeader?: string;
}

export interface TriggerHarnessOptions {
	/** The trigger node's parameters, as in a workflow JSON. */
	parameters: INodeParameters;
	/** Credential data by type, e.g. `sandboxCredentials(sandbox)`. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's webhookId (n8n gives every webhook node a UUID). */
	webhookId?: string;
	/** The workflow's static data as stored (to model a workflow whose data was imported or lost). */
	staticData?: IDataObject;
	/** Further node classes to register (the default registers the Stripe Connect Trigger). */
	nodeClasses?: INodeType[];
}

const TRIGGER_NODE_NAME = 'Stripe Connect Trigger';
const NEXT_NODE_NAME = 'Received';

/** A running trigger harness: one workflow (trigger → No Op) behind a loopback HTTP receiver. */
export class TriggerHarness {
	/** The workflow's static data as n8n would have saved it in its database. */
	savedStaticData: IDataObject;

	/** Every request the receiver handled, in arrival order. */
	readonly deliveries: HandledDelivery[] = [];

	/** Log lines the node wrote through `this.logger`, by level. */
	readonly logs: Array<{ level: string; message: string }> = [];

	private parameters: INodeParameters;
	private credentials: Record<string, ICredentialDataDecryptedObject>;
	private readonly inFlight = new Set<Promise<void>>();
	private readonly webhookId: string;
	private readonly nodeTypes;

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		options: TriggerHarnessOptions,
	) {
		this.parameters = structuredClone(options.parameters);
		this.credentials = structuredClone(options.credentials);
		this.savedStaticData = structuredClone(options.staticData ?? {});
		this.webhookId = options.webhookId ?? '6f1c1a52-3c1e-4a0a-9d59-2f4b1c2d7e01';
		this.nodeTypes = createNodeTypes(options.nodeClasses ?? [new StripeConnectTrigger()]);
	}

	/** Starts the loopback receiver; `webhookBaseUrl` of n8n points at it. */
	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		const server = createServer();
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const { port } = server.address() as AddressInfo;
		const harness = new TriggerHarness(server, `http://127.0.0.1:${port}`, options);
		server.on('request', (request, response) => harness.track(harness.receive(request, response)));
		return harness;
	}

	/** The production webhook URL n8n shows for the trigger (what it registers at Stripe). */
	get webhookUrl(): string {
		return `${this.baseUrl}/webhook/${this.webhookPath()}`;
	}

	/** The trigger node's static data as saved (endpoints, seen event ids). */
	get nodeStaticData(): IDataObject {
		return (this.savedStaticData[`node:${TRIGGER_NODE_NAME}`] as IDataObject | undefined) ?? {};
	}

	/** Executions started so far. */
	get executions(): HandledDelivery[] {
		return this.deliveries.filter((delivery) => delivery.started);
	}

	/** Changes the trigger's parameters, as editing and re-publishing the workflow does. */
	setParameters(parameters: INodeParameters): void {
		this.parameters = structuredClone(parameters);
	}

	/** Changes the credential data the node reads, as editing the credential in n8n does. */
	setCredentials(credentials: Record<string, ICredentialDataDecryptedObject>): void {
		this.credentials = structuredClone(credentials);
	}

	/** Activates the workflow: checkExists, then create if needed; rolls back with delete on failure. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const { workflow, webhookData } = this.load();
		try {
			const exists = await this.runHook('checkExists', workflow, webhookData, activation);
			if (!exists) await this.runHook('create', workflow, webhookData, activation);
		} catch (error) {
			try {
				await this.runHook('delete', workflow, webhookData, activation);
			} catch (rollbackError) {
				this.logs.push({ level: 'error', message: String(rollbackError) });
			}
			this.save(workflow);
			throw error;
		}
		this.save(workflow);
	}

	/** Deactivates the workflow: calls delete, then saves the static data. */
	async deactivate(): Promise<void> {
		const { workflow, webhookData } = this.load();
		await this.runHook('delete', workflow, webhookData, 'update');
		this.save(workflow);
	}

	/**
	 * "Listen for test event" in the editor: n8n registers the webhook at its test URL with a copy
	 * of the workflow's static data that is kept with the registration and never saved. Returns that
	 * copy and `stop()`, which calls delete with it as n8n does when the test webhook is removed.
	 */
	async listenForTestEvent(): Promise<{
		webhookUrl: string;
		staticData: IDataObject;
		stop: () => Promise<void>;
	}> {
		const { workflow, webhookData } = this.load();
		const testWebhook: IWebhookData = { ...webhookData, isTest: true };
		const exists = await this.runHook('checkExists', workflow, testWebhook, 'manual', 'manual');
		if (!exists) await this.runHook('create', workflow, testWebhook, 'manual', 'manual');
		const testStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return {
			webhookUrl: `${this.baseUrl}/webhook-test/${this.webhookPath()}`,
			staticData: testStaticData,
			stop: async () => {
				const later = this.load();
				later.workflow.staticData = structuredClone(
					testStaticData,
				) as typeof later.workflow.staticData;
				await this.runHook(
					'delete',
					later.workflow,
					{ ...later.webhookData, isTest: true },
					'update',
				);
			},
		};
	}

	/** Runs a function with the real n8n-core HookContext the lifecycle methods get (helper tests). */
	async withHookContext<T>(run: (context: IHookFunctions) => Promise<T>): Promise<T> {
		const { workflow, webhookData } = this.load();
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const context = new HookContext(
			workflow,
			node,
			webhookData.workflowExecuteAdditionalData,
			'internal',
			'activate',
			webhookData,
		);
		this.captureLogs(context);
		return await run(context);
	}

	/** Sends a raw HTTP POST to the webhook URL, as Stripe (or an attacker) would. */
	async post(rawBody: string, headers: Record<string, string> = {}): Promise<HandledDelivery> {
		const before = this.deliveries.length;
		await fetch(this.webhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: rawBody,
		});
		await this.idle();
		return this.deliveries[before];
	}

	/** Waits until every request received so far has been handled and its execution finished. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) {
			await Promise.all([...this.inFlight]);
		}
	}

	/** Stops the receiver. */
	async close(): Promise<void> {
		await this.idle();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private webhookPath(): string {
		return NodeHelpers.getNodeWebhookPath('harness-trigger-workflow', this.node(), 'webhook');
	}

	private node(): INode {
		return {
			id: 'c3f4b9a0-0000-4000-8000-000000000001',
			name: TRIGGER_NODE_NAME,
			type: `${PACKAGE_NAME}.stripeConnectTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: this.webhookId,
			parameters: structuredClone(this.parameters),
			credentials: { stripeConnectApi: { id: 'harness-credential', name: 'Stripe Connect' } },
		};
	}

	private workflowData(): IWorkflowBase {
		return {
			id: 'harness-trigger-workflow',
			name: 'Stripe Connect Trigger harness',
			active: true,
			isArchived: false,
			activeVersionId: 'harness-version',
			nodes: [
				this.node(),
				{
					id: 'c3f4b9a0-0000-4000-8000-000000000002',
					name: NEXT_NODE_NAME,
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
				},
			],
			connections: {
				[TRIGGER_NODE_NAME]: {
					main: [[{ node: NEXT_NODE_NAME, type: 'main', index: 0 }]],
				},
			},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as IWorkflowBase;
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		const additionalData = createAdditionalData({
			executionId: nextExecutionId(),
			mode: 'webhook',
			workflowData: this.workflowData(),
			credentials: this.credentials,
		});
		additionalData.webhookBaseUrl = `${this.baseUrl}/webhook`;
		additionalData.webhookTestBaseUrl = `${this.baseUrl}/webhook-test`;
		return additionalData;
	}

	/** Builds the workflow from the saved data, as n8n does for every activation and request. */
	private load(): {
		workflow: Workflow;
		webhookData: IWebhookData;
		additionalData: IWorkflowExecuteAdditionalData;
	} {
		const workflowData = this.workflowData();
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections: workflowData.connections,
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: structuredClone(this.savedStaticData),
			settings: {},
		});
		const additionalData = this.additionalData();
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node().type, 1);
		const webhookDescription = nodeType.description.webhooks?.[0];
		if (!webhookDescription) throw new Error('The trigger declares no webhook');
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: TRIGGER_NODE_NAME,
			path: this.webhookPath(),
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		return { workflow, webhookData, additionalData };
	}

	/** Persists static data only when n8n's observable object marked it changed, like the CLI. */
	private save(workflow: Workflow): void {
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (staticData.__dataChanged === true) {
			this.savedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		}
	}

	private async runHook(
		method: 'checkExists' | 'create' | 'delete',
		workflow: Workflow,
		webhookData: IWebhookData,
		activation: WorkflowActivateMode,
		mode: WorkflowExecuteMode = 'internal',
	): Promise<boolean | undefined> {
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const hook = nodeType.webhookMethods?.default?.[method];
		if (hook === undefined) throw new Error(`The trigger has no webhook method ${method}`);
		const context = new HookContext(
			workflow,
			node,
			webhookData.workflowExecuteAdditionalData,
			mode,
			activation,
			webhookData,
		);
		this.captureLogs(context);
		return (await hook.call(context)) as boolean | undefined;
	}

	private captureLogs(context: { logger: unknown }): void {
		const record =
			(level: string) =>
			(message: string): void => {
				this.logs.push({ level, message });
			};
		Object.defineProperty(context, 'logger', {
			value: {
				error: record('error'),
				warn: record('warn'),
				info: record('info'),
				debug: record('debug'),
			},
		});
	}

	private track(work: Promise<void>): void {
		this.inFlight.add(work);
		void work.finally(() => this.inFlight.delete(work));
	}

	private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const delivery: HandledDelivery = {
			status: 0,
			responseBody: '',
			started: false,
			items: [],
			signatureHeader: request.headers['stripe-signature'] as string | undefined,
		};
		this.deliveries.push(delivery);
		const sent: Buffer[] = [];
		const write = response.write.bind(response);
		const end = response.end.bind(response);
		response.write = ((chunk: unknown, ...rest: unknown[]) => {
			if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
				sent.push(Buffer.from(chunk as string));
			}
			return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof response.write;
		response.end = ((chunk?: unknown, ...rest: unknown[]) => {
			if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
				sent.push(Buffer.from(chunk as string));
			}
			delivery.status = response.statusCode;
			delivery.responseBody = Buffer.concat(sent).toString('utf8');
			return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
		}) as typeof response.end;

		if (request.method !== 'POST' || request.url !== `/webhook/${this.webhookPath()}`) {
			response.statusCode = 404;
			response.end();
			return;
		}

		// n8n's body parser keeps the raw bytes beside the parsed body.
		const webhookRequest = request as IncomingMessage & IDataObject;
		webhookRequest.rawBody = rawBody;
		webhookRequest.body = parseJsonOrEmpty(rawBody) as IDataObject;
		webhookRequest.query = {};
		webhookRequest.params = {};

		const { workflow, webhookData, additionalData } = this.load();
		additionalData.httpRequest =
			request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse =
			response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		this.captureLogs(context);

		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			delivery.error = error as Error;
			if (!response.headersSent) {
				response.statusCode = 500;
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify({ message: 'Error in workflow' }));
			}
			return;
		}

		// n8n's handleImmediateWebhookResponse and the onReceived default answer.
		if (result.noWebhookResponse !== true && !response.headersSent) {
			response.statusCode = 200;
			response.setHeader('content-type', 'application/json');
			response.end(
				JSON.stringify(
					result.webhookResponse ??
						(result.workflowData === undefined
							? { message: 'Webhook call received' }
							: { message: 'Workflow was started' }),
				),
			);
		}
		this.save(workflow);
		if (result.workflowData === undefined) return;

		delivery.started = true;
		const run = await this.execute(workflow, node, result.workflowData, additionalData);
		delivery.executionStatus = run.status;
		const received = run.data.resultData.runData[NEXT_NODE_NAME]?.[0]?.data?.main?.[0];
		delivery.items = received ?? [];
	}

	private async execute(
		workflow: Workflow,
		startNode: INode,
		workflowData: INodeExecutionData[][],
		webhookAdditionalData: IWorkflowExecuteAdditionalData,
	): Promise<IRun> {
		const additionalData = this.additionalData();
		additionalData.httpRequest = webhookAdditionalData.httpRequest;
		additionalData.httpResponse = webhookAdditionalData.httpResponse;
		let resolveFinished: (run: IRun) => void = () => {};
		const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
		additionalData.hooks!.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));
		const runExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node: startNode, data: { main: workflowData }, source: null }],
			},
		} as unknown as IRunExecutionData;
		await new WorkflowExecute(additionalData, 'webhook', runExecutionData).processRunExecutionData(
			workflow,
		);
		return await finished;
	}
}

function parseJsonOrEmpty(rawBody: Buffer): unknown {
	try {
		return JSON.parse(rawBody.toString('utf8'));
	} catch {
		return {};
	}
}

/** Starts a trigger harness (see TriggerHarness). Close it with `close()`. */
export async function startTriggerHarness(options: TriggerHarnessOptions): Promise<TriggerHarness> {
	return await TriggerHarness.start(options);
}
