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
 *   (the per-request load and save are modelled by WorkflowStaticDataStore in trigger/staticDataStore.ts). As in
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
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeParameters,
	INodeType,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { WorkflowStaticDataStore } from './trigger/staticDataStore';
import { loadTriggerNode, TRIGGER_NODE_NAME, TriggerWorkflow } from './trigger/triggerWorkflow';
import type { LogLine } from './trigger/triggerWorkflow';
import {
	activateTrigger,
	deactivateTrigger,
	listenForTestEvent,
	withHookContext,
} from './trigger/webhookLifecycle';
import type { TestEventListener } from './trigger/webhookLifecycle';
import { handleWebhookRequest } from './trigger/webhookRequest';
import type { HandledDelivery } from './trigger/webhookRequest';

export { sandboxCredentials } from './runWorkflow';
export { WorkflowStaticDataStore } from './trigger/staticDataStore';
export type { HandledDelivery } from './trigger/webhookRequest';

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
	readonly logs: LogLine[];

	/** The workflow's id (n8n's ledger of a trigger is per workflow). */
	readonly workflowId: string;

	private readonly trigger: TriggerWorkflow;
	private readonly webhookId: string;
	private readonly inFlight = new Set<Promise<void>>();
	private readonly awaitedRequests = new Map<string, (delivery: HandledDelivery) => void>();
	private executionsToRefuse = 0;

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		options: TriggerHarnessOptions,
	) {
		this.store = options.store ?? new WorkflowStaticDataStore(options.staticData);
		harnessCount += 1;
		this.workflowId = options.workflowId ?? `harness-trigger-workflow-${harnessCount}`;
		this.webhookId = options.webhookId ?? '6f1c1a52-3c1e-4a0a-9d59-2f4b1c2d7e01';
		this.trigger = new TriggerWorkflow({
			workflowId: this.workflowId,
			webhookId: this.webhookId,
			baseUrl,
			parameters: options.parameters,
			credentials: options.credentials,
			nodeClasses: options.nodeClasses ?? [],
		});
		this.logs = this.trigger.logs;
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
		return `${this.trigger.publicUrl}/webhook/${this.trigger.webhookPath()}`;
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
		this.trigger.publicBaseUrl = baseUrl.replace(/\/+$/, '');
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
			parameters: this.trigger.parameters,
			credentials: this.trigger.credentials,
			webhookId: this.webhookId,
			workflowId: this.workflowId,
			store: this.store,
			nodeClasses: [trigger],
		});
	}

	/** Changes the trigger's parameters, as editing and re-publishing the workflow does. */
	setParameters(parameters: INodeParameters): void {
		this.trigger.parameters = structuredClone(parameters);
	}

	/** Changes the credential data the node reads, as editing the credential in n8n does. */
	setCredentials(credentials: Record<string, ICredentialDataDecryptedObject>): void {
		this.trigger.credentials = structuredClone(credentials);
	}

	/** Activates the workflow: checkExists, then create if needed; rolls back with delete on failure. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		await activateTrigger(this.trigger, this.store, activation);
	}

	/** Deactivates the workflow: calls delete, then saves the static data. */
	async deactivate(): Promise<void> {
		await deactivateTrigger(this.trigger, this.store);
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
	async listenForTestEvent(
		options: { staticData?: 'empty' | 'copy' } = {},
	): Promise<TestEventListener> {
		return await listenForTestEvent(this.trigger, this.store, options);
	}

	/** Runs a function with the real n8n-core HookContext the lifecycle methods get (helper tests). */
	async withHookContext<T>(run: (context: IHookFunctions) => Promise<T>): Promise<T> {
		return await withHookContext(this.trigger, this.store, run);
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
		await fetch(`${this.baseUrl}/webhook/${this.trigger.webhookPath()}`, {
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
			await handleWebhookRequest(
				{
					trigger: this.trigger,
					store: this.store,
					runnerAccepts: (refused) => this.runnerAccepts(refused),
				},
				request,
				response,
				rawBody,
				delivery,
			);
		} finally {
			if (tag !== undefined) {
				this.awaitedRequests.get(tag)?.(delivery);
				this.awaitedRequests.delete(tag);
			}
		}
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
}

/** Starts a trigger harness (see TriggerHarness). Close it with `close()`. */
export async function startTriggerHarness(options: TriggerHarnessOptions): Promise<TriggerHarness> {
	return await TriggerHarness.start(options);
}
