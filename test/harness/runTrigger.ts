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
 *   n8n-core's WorkflowExecute when the node returned items, and saves changed static data
 *   (the per-request load and save are modelled by WorkflowStaticDataStore, below). As in
 *   executeWebhook, an onReceived webhook that returned items without answering is answered only
 *   once WorkflowRunner.run accepted the execution, and 500 (static data unsaved) when it threw;
 *   `refuseExecutions(n)` makes it throw, as when n8n's database or queue is unavailable.
 *
 * One harness is one n8n process. Two harnesses given the same `store` and `workflowId`, and the
 * trigger class from two module instances (`vi.resetModules()` between the imports, so each has its
 * own module state), are two processes of a queue-mode installation serving the same workflow.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
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

/**
 * Workflow static data as n8n's database holds it, shared by every n8n process that serves the
 * workflow. It models n8n 2.41.1's handling of a production webhook request (read in the published
 * n8n package, dist/webhooks/live-webhooks.js, dist/webhooks/webhook-helpers.js and
 * dist/workflows/workflow-static-data.service.js; packages/cli/src/… in n8n-io/n8n):
 * - LiveWebhooks.executeWebhook loads the workflow, static data included, from the database for
 *   every request (loadWebhookExecutionData) and builds a new Workflow around that copy;
 * - several awaits follow (OwnershipService.getWorkflowProjectCached, WorkflowExecuteAdditionalData
 *   .getBase, parseRequestBody) before WebhookService.runWebhook calls the node's webhook(), so
 *   requests that arrive together have all loaded before any runs the node. `overlapNext(n)`
 *   reproduces that interleaving for the next n requests; without it a request loads, runs and saves
 *   before the next loads (the interleaving that hides the problem);
 * - when webhook() returns (for an onReceived webhook that left the answer to n8n: once the
 *   execution was accepted, never when it could not start), executeWebhook calls the response
 *   callback, which saves the copy with
 *   WorkflowStaticDataService.saveStaticData: only when the copy's `__dataChanged` is set, the whole
 *   object, in an UPDATE without any condition: the last save wins. No request waits for another's
 *   save; on Postgres two saves on two pool connections may land in either order, which
 *   `saveOrder: 'reversed'` reproduces.
 */
export class WorkflowStaticDataStore {
	/** The saved static data: what the next request or activation loads. */
	data: IDataObject;

	private round: OverlapRound | undefined;

	constructor(initial: IDataObject = {}) {
		this.data = structuredClone(initial);
	}

	/**
	 * Makes the next `requests` webhook requests (of any process using this store) each load the
	 * static data before any of them runs the node, as concurrent requests do in n8n. With
	 * `saveOrder: 'reversed'` their saves are held until all returned and then land last-first.
	 */
	overlapNext(requests: number, options: { saveOrder?: 'as-returned' | 'reversed' } = {}): void {
		let open: () => void = () => {};
		const allLoaded = new Promise<void>((resolve) => (open = resolve));
		this.round = {
			size: requests,
			loaded: 0,
			left: 0,
			allLoaded,
			open,
			saveOrder: options.saveOrder ?? 'as-returned',
			heldSaves: [],
		};
	}

	/** A request loads the static data (LiveWebhooks.loadWebhookExecutionData). */
	load(): { staticData: IDataObject; round: OverlapRound | undefined } {
		const round = this.round;
		const staticData = structuredClone(this.data);
		if (round !== undefined) {
			round.loaded += 1;
			if (round.loaded === round.size) {
				this.round = undefined;
				round.open();
			}
		}
		return { staticData, round };
	}

	/** The request reaches webhook(): in an overlapping round, once every request of it has loaded. */
	async untilHandling(round: OverlapRound | undefined): Promise<void> {
		if (round !== undefined) await round.allLoaded;
	}

	/**
	 * The request's webhook() returned (or threw): save its copy when n8n would (`__dataChanged`),
	 * whole, replacing what is stored; in a reversed round, once all requests of the round returned.
	 */
	save(round: OverlapRound | undefined, workflow: Workflow | undefined): void {
		const staticData = workflow?.staticData as
			| (IDataObject & { __dataChanged?: boolean })
			| undefined;
		const saved =
			staticData?.__dataChanged === true
				? (JSON.parse(JSON.stringify(staticData)) as IDataObject)
				: undefined;
		const write = () => {
			if (saved !== undefined) this.data = saved;
		};
		if (round === undefined || round.saveOrder === 'as-returned') {
			write();
			return;
		}
		round.heldSaves.push(write);
		round.left += 1;
		if (round.left === round.size) for (const held of round.heldSaves.reverse()) held();
	}
}

interface OverlapRound {
	size: number;
	loaded: number;
	left: number;
	allLoaded: Promise<void>;
	open: () => void;
	saveOrder: 'as-returned' | 'reversed';
	heldSaves: Array<() => void>;
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
	/** The database static data lives in, shared with another harness (another n8n process). */
	store?: WorkflowStaticDataStore;
	/** The workflow's id (default: a new one per harness, as for a newly created workflow). */
	workflowId?: string;
	/** Further node classes to register (the default registers the Stripe Connect Trigger). */
	nodeClasses?: INodeType[];
}

const TRIGGER_NODE_NAME = 'Stripe Connect Trigger';
const NEXT_NODE_NAME = 'Received';
/** Header a test's own requests carry so `send` can hand back what became of each one. */
const REQUEST_TAG_HEADER = 'x-harness-request';
let harnessCount = 0;

/** A running trigger harness: one workflow (trigger → No Op) behind a loopback HTTP receiver. */
export class TriggerHarness {
	/** The database holding the workflow's static data (shared by the harnesses given it). */
	readonly store: WorkflowStaticDataStore;

	/** Every request the receiver handled, in arrival order. */
	readonly deliveries: HandledDelivery[] = [];

	/** Log lines the node wrote through `this.logger`, by level. */
	readonly logs: Array<{ level: string; message: string }> = [];

	private parameters: INodeParameters;
	private credentials: Record<string, ICredentialDataDecryptedObject>;
	private readonly inFlight = new Set<Promise<void>>();
	private readonly awaitedRequests = new Map<string, (delivery: HandledDelivery) => void>();
	private readonly webhookId: string;
	/** The workflow's id (n8n's ledger of a trigger is per workflow). */
	readonly workflowId: string;
	private readonly nodeTypes;
	private publicBaseUrl: string | undefined;
	private executionsToRefuse = 0;

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		options: TriggerHarnessOptions,
	) {
		this.parameters = structuredClone(options.parameters);
		this.credentials = structuredClone(options.credentials);
		this.store = options.store ?? new WorkflowStaticDataStore(options.staticData);
		harnessCount += 1;
		this.workflowId = options.workflowId ?? `harness-trigger-workflow-${harnessCount}`;
		this.webhookId = options.webhookId ?? '6f1c1a52-3c1e-4a0a-9d59-2f4b1c2d7e01';
		this.nodeTypes = createNodeTypes(options.nodeClasses ?? []);
	}

	/** Starts the loopback receiver; `webhookBaseUrl` of n8n points at it. */
	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		options = { ...options, nodeClasses: options.nodeClasses ?? [await loadTriggerNode()] };
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
		return `${this.publicBaseUrl ?? this.baseUrl}/webhook/${this.webhookPath()}`;
	}

	/** The workflow's static data as n8n would have saved it in its database. */
	get savedStaticData(): IDataObject {
		return this.store.data;
	}

	set savedStaticData(staticData: IDataObject) {
		this.store.data = staticData;
	}

	/**
	 * Changes the public URL n8n gives webhooks (WEBHOOK_URL, a new domain or proxy): the webhook
	 * URL the node sees from now on starts with `baseUrl`. Requests still reach this receiver.
	 */
	setPublicUrl(baseUrl: string): void {
		this.publicBaseUrl = baseUrl.replace(/\/+$/, '');
	}

	/** The trigger node's static data as saved (endpoints, seen event ids). */
	get nodeStaticData(): IDataObject {
		return (this.savedStaticData[`node:${TRIGGER_NODE_NAME}`] as IDataObject | undefined) ?? {};
	}

	/** Executions started so far. */
	get executions(): HandledDelivery[] {
		return this.deliveries.filter((delivery) => delivery.started);
	}

	/**
	 * Starts another n8n process serving this workflow, as a webhook processor or a second main in
	 * queue mode: the same database (static data), workflow, webhook and settings, its own receiver,
	 * and the trigger class given, which should come from its own module instance (import it after
	 * `vi.resetModules()`) so that it shares no module state with this process.
	 */
	async anotherProcess(trigger: INodeType): Promise<TriggerHarness> {
		return await TriggerHarness.start({
			parameters: this.parameters,
			credentials: this.credentials,
			webhookId: this.webhookId,
			workflowId: this.workflowId,
			store: this.store,
			nodeClasses: [trigger],
		});
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
	 * "Listen for test event" in the editor. n8n 2.41.1 (TestWebhooks.needsWebhook) registers the
	 * webhook at its test URL on a Workflow built with empty static data (TestWebhooks.toWorkflow),
	 * keeps that static data with the registration and never saves it; removing the test webhook
	 * (TestWebhooks.deactivateWebhooks) calls delete with it, as does a failed registration before
	 * the error reaches the editor. `staticData: 'copy'` starts from a copy
	 * of the saved static data instead, as other n8n versions might. Returns the listener's static
	 * data and `stop()`.
	 */
	async listenForTestEvent(options: { staticData?: 'empty' | 'copy' } = {}): Promise<{
		webhookUrl: string;
		staticData: IDataObject;
		stop: () => Promise<void>;
	}> {
		const { workflow, webhookData } = this.load();
		if (options.staticData !== 'copy') {
			workflow.staticData = {} as typeof workflow.staticData;
		}
		const testWebhook: IWebhookData = { ...webhookData, isTest: true };
		try {
			const exists = await this.runHook('checkExists', workflow, testWebhook, 'manual', 'manual');
			if (!exists) await this.runHook('create', workflow, testWebhook, 'manual', 'manual');
		} catch (error) {
			// needsWebhook's catch: deactivateWebhooks deletes with the workflow's own static data
			// (the registration holds none yet), then the error reaches the editor.
			await this.runHook('delete', workflow, testWebhook, 'update');
			throw error;
		}
		const testStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return {
			webhookUrl: `${this.publicBaseUrl ?? this.baseUrl}/webhook-test/${this.webhookPath()}`,
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
		const delivery = await this.send(rawBody, headers);
		await this.idle();
		return delivery;
	}

	/**
	 * Sends a raw HTTP POST and resolves once this receiver handled it (and the execution it started
	 * finished), without waiting for other requests: several `send`s at once arrive together.
	 */
	async send(rawBody: string, headers: Record<string, string> = {}): Promise<HandledDelivery> {
		const tag = `request-${this.deliveries.length}-${Math.random().toString(36).slice(2)}`;
		const handled = new Promise<HandledDelivery>((resolve) =>
			this.awaitedRequests.set(tag, resolve),
		);
		await fetch(`${this.baseUrl}/webhook/${this.webhookPath()}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers, [REQUEST_TAG_HEADER]: tag },
			body: rawBody,
		});
		return await handled;
	}

	/** Waits until every request received so far has been handled and its execution finished. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) {
			await Promise.all([...this.inFlight]);
		}
	}

	/**
	 * Makes n8n fail to start the next `count` executions: WorkflowRunner.run throws, as it does
	 * when n8n cannot store the execution (its database is unavailable) or, in queue mode, cannot
	 * queue it (Redis is unavailable).
	 */
	refuseExecutions(count: number): void {
		this.executionsToRefuse = count;
	}

	/** Stops the receiver. */
	async close(): Promise<void> {
		await this.idle();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private webhookPath(): string {
		return NodeHelpers.getNodeWebhookPath(this.workflowId, this.node(), 'webhook');
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
			id: this.workflowId,
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
		additionalData.webhookBaseUrl = `${this.publicBaseUrl ?? this.baseUrl}/webhook`;
		additionalData.webhookTestBaseUrl = `${this.publicBaseUrl ?? this.baseUrl}/webhook-test`;
		return additionalData;
	}

	/** Builds the workflow from the saved data, as n8n does for every activation and request. */
	private load(staticData: IDataObject = structuredClone(this.store.data)): {
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
			staticData,
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
		this.store.save(undefined, workflow);
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
		const tag = request.headers[REQUEST_TAG_HEADER] as string | undefined;
		try {
			await this.handle(request, response, rawBody, delivery);
		} finally {
			if (tag !== undefined) {
				this.awaitedRequests.get(tag)?.(delivery);
				this.awaitedRequests.delete(tag);
			}
		}
	}

	private async handle(
		request: IncomingMessage,
		response: ServerResponse,
		rawBody: Buffer,
		delivery: HandledDelivery,
	): Promise<void> {
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

		const loaded = this.store.load();
		const { workflow, webhookData, additionalData } = this.load(loaded.staticData);
		await this.store.untilHandling(loaded.round);
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
			// LiveWebhooks rejects without saving static data when webhook() throws.
			this.store.save(loaded.round, undefined);
			delivery.error = error as Error;
			if (!response.headersSent) {
				response.statusCode = 500;
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify({ message: 'Error in workflow' }));
			}
			return;
		}

		if (result.noWebhookResponse === true) {
			// The node answered itself: n8n's response callback saves the static data, and whatever
			// the node returned starts only afterwards, its answer already sent.
			this.store.save(loaded.round, workflow);
			if (result.workflowData === undefined) return;
			if (!this.runnerAccepts(delivery)) return;
		} else if (result.workflowData === undefined) {
			this.store.save(loaded.round, workflow);
			this.answer(response, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		} else {
			// responseMode onReceived (shouldDeferOnReceivedResponse): WorkflowRunner.run first; its
			// error reaches the response callback, which answers 500 and saves no static data.
			if (!this.runnerAccepts(delivery)) {
				this.store.save(loaded.round, undefined);
				this.answer(response, 500, {
					code: 0,
					message: 'There was a problem executing the workflow',
				});
				return;
			}
			this.store.save(loaded.round, workflow);
			this.answer(
				response,
				Number(webhookData.webhookDescription.responseCode ?? 200),
				onReceivedBody(webhookData.webhookDescription.responseData, result),
			);
		}

		delivery.started = true;
		const run = await this.execute(workflow, node, result.workflowData, additionalData);
		delivery.executionStatus = run.status;
		const received = run.data.resultData.runData[NEXT_NODE_NAME]?.[0]?.data?.main?.[0];
		delivery.items = received ?? [];
	}

	/**
	 * WorkflowRunner.run accepting an execution (storing it, then starting or queueing it), or
	 * throwing as when n8n's database or queue is unavailable (see `refuseExecutions`).
	 */
	private runnerAccepts(delivery: HandledDelivery): boolean {
		if (this.executionsToRefuse === 0) return true;
		this.executionsToRefuse -= 1;
		delivery.error = new Error('The execution could not be started (refused by the harness)');
		return false;
	}

	/** Sends n8n's answer: a JSON body, a string as is, nothing for undefined. */
	private answer(response: ServerResponse, status: number, body: unknown): void {
		if (response.headersSent) return;
		response.statusCode = status;
		if (body === undefined) {
			response.end();
		} else if (typeof body === 'string') {
			response.end(body);
		} else {
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify(body));
		}
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

/**
 * The Stripe Connect Trigger class from source. Imported by its full `.node.ts` path, as
 * runWorkflow loads the package's nodes: without the extension tsx (the benchmark's runner)
 * resolves `StripeConnectTrigger.node` to the codex file `StripeConnectTrigger.node.json`.
 */
async function loadTriggerNode(): Promise<INodeType> {
	const file = resolve(__dirname, '../../nodes/StripeConnectTrigger/StripeConnectTrigger.node.ts');
	const module = (await import(file)) as { StripeConnectTrigger: new () => INodeType };
	return new module.StripeConnectTrigger();
}

/**
 * The body n8n 2.41.1 answers an onReceived webhook with once the execution started
 * (extractWebhookOnReceivedResponse): nothing for `noData`, the description's `responseData` when
 * set (n8n's expression default makes an unset one the string `firstEntryJson`), else the node's
 * `webhookResponse`.
 */
function onReceivedBody(responseData: unknown, result: IWebhookResponseData): unknown {
	const data = responseData ?? 'firstEntryJson';
	if (data === 'noData') return undefined;
	if (data) return data;
	return result.webhookResponse ?? { message: 'Workflow was started' };
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
