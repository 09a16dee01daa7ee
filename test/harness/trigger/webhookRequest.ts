/**
 * One HTTP request to the trigger's production webhook, handled as n8n 2.41.1's LiveWebhooks and
 * webhook helpers handle it: load the static data, call the node's `webhook()` through n8n-core's
 * WebhookContext with the real request and response, answer when the node did not, start the
 * workflow with WorkflowExecute when it returned items, and save changed static data.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import type { WorkflowStaticDataStore } from './staticDataStore';
import { NEXT_NODE_NAME, TRIGGER_NODE_NAME } from './triggerWorkflow';
import type { TriggerWorkflow } from './triggerWorkflow';

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

/** The n8n process a request reaches: its workflow, the database's static data, its runner. */
export interface WebhookProcess {
	trigger: TriggerWorkflow;
	store: WorkflowStaticDataStore;
	/**
	 * WorkflowRunner.run accepting an execution (storing it, then starting or queueing it), or
	 * refusing it as when n8n's database or queue is unavailable.
	 */
	runnerAccepts: (delivery: HandledDelivery) => boolean;
}

/** Handles one request and records in `delivery` what the client received and what ran. */
export async function handleWebhookRequest(
	n8n: WebhookProcess,
	request: IncomingMessage,
	response: ServerResponse,
	rawBody: Buffer,
	delivery: HandledDelivery,
): Promise<void> {
	const { trigger, store } = n8n;
	recordResponse(response, delivery);

	if (request.method !== 'POST' || request.url !== `/webhook/${trigger.webhookPath()}`) {
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

	const loaded = store.load();
	const { workflow, webhookData, additionalData } = trigger.load(loaded.staticData);
	await store.untilHandling(loaded.round);
	additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse =
		response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const node = workflow.getNode(TRIGGER_NODE_NAME)!;
	const nodeType = trigger.nodeType(node);
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData,
		[],
		null,
	);
	trigger.captureLogs(context);

	let result: IWebhookResponseData;
	try {
		result = await nodeType.webhook!.call(context);
	} catch (error) {
		// LiveWebhooks rejects without saving static data when webhook() throws.
		store.save(loaded.round, undefined);
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
		store.save(loaded.round, workflow);
		if (result.workflowData === undefined) return;
		if (!n8n.runnerAccepts(delivery)) return;
	} else if (result.workflowData === undefined) {
		store.save(loaded.round, workflow);
		answer(response, 200, result.webhookResponse ?? { message: 'Webhook call received' });
		return;
	} else {
		// responseMode onReceived (shouldDeferOnReceivedResponse): WorkflowRunner.run first; its
		// error reaches the response callback, which answers 500 and saves no static data.
		if (!n8n.runnerAccepts(delivery)) {
			store.save(loaded.round, undefined);
			answer(response, 500, {
				code: 0,
				message: 'There was a problem executing the workflow',
			});
			return;
		}
		store.save(loaded.round, workflow);
		answer(
			response,
			Number(webhookData.webhookDescription.responseCode ?? 200),
			onReceivedBody(webhookData.webhookDescription.responseData, result),
		);
	}

	delivery.started = true;
	const run = await execute(trigger, workflow, node, result.workflowData, additionalData);
	delivery.executionStatus = run.status;
	const received = run.data.resultData.runData[NEXT_NODE_NAME]?.[0]?.data?.main?.[0];
	delivery.items = received ?? [];
}

/** Copies into `delivery` the status and body the client receives when the response ends. */
function recordResponse(response: ServerResponse, delivery: HandledDelivery): void {
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
}

/** Sends n8n's answer: a JSON body, a string as is, nothing for undefined. */
function answer(response: ServerResponse, status: number, body: unknown): void {
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

/** Runs the workflow from the trigger's items with n8n-core's WorkflowExecute, to its end. */
async function execute(
	trigger: TriggerWorkflow,
	workflow: Workflow,
	startNode: INode,
	workflowData: INodeExecutionData[][],
	webhookAdditionalData: IWorkflowExecuteAdditionalData,
): Promise<IRun> {
	const additionalData = trigger.additionalData();
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
