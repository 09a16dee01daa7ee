/**
 * The trigger's `webhookMethods` run as n8n's CLI runs them, through n8n-core's HookContext:
 * activation, deactivation and the editor's "Listen for test event".
 */
import { HookContext } from 'n8n-core';
import type {
	IDataObject,
	IHookFunctions,
	IWebhookData,
	Workflow,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { WorkflowStaticDataStore } from './staticDataStore';
import { TRIGGER_NODE_NAME } from './triggerWorkflow';
import type { TriggerWorkflow } from './triggerWorkflow';

/** Activates the workflow: checkExists, then create if needed; rolls back with delete on failure. */
export async function activateTrigger(
	trigger: TriggerWorkflow,
	store: WorkflowStaticDataStore,
	activation: WorkflowActivateMode,
): Promise<void> {
	const { workflow, webhookData } = trigger.load(structuredClone(store.data));
	try {
		const exists = await runHook(trigger, 'checkExists', workflow, webhookData, activation);
		if (!exists) await runHook(trigger, 'create', workflow, webhookData, activation);
	} catch (error) {
		try {
			await runHook(trigger, 'delete', workflow, webhookData, activation);
		} catch (rollbackError) {
			trigger.logs.push({ level: 'error', message: String(rollbackError) });
		}
		store.save(undefined, workflow);
		throw error;
	}
	store.save(undefined, workflow);
}

/** Deactivates the workflow: calls delete, then saves the static data. */
export async function deactivateTrigger(
	trigger: TriggerWorkflow,
	store: WorkflowStaticDataStore,
): Promise<void> {
	const { workflow, webhookData } = trigger.load(structuredClone(store.data));
	await runHook(trigger, 'delete', workflow, webhookData, 'update');
	store.save(undefined, workflow);
}

/** A test webhook registered by "Listen for test event" (see TriggerHarness.listenForTestEvent). */
export interface TestEventListener {
	webhookUrl: string;
	staticData: IDataObject;
	stop: () => Promise<void>;
}

/** Registers the test webhook as TestWebhooks.needsWebhook does (see TriggerHarness). */
export async function listenForTestEvent(
	trigger: TriggerWorkflow,
	store: WorkflowStaticDataStore,
	options: { staticData?: 'empty' | 'copy' },
): Promise<TestEventListener> {
	const { workflow, webhookData } = trigger.load(structuredClone(store.data));
	if (options.staticData !== 'copy') {
		workflow.staticData = {} as typeof workflow.staticData;
	}
	const testWebhook: IWebhookData = { ...webhookData, isTest: true };
	try {
		const exists = await runHook(trigger, 'checkExists', workflow, testWebhook, 'manual', 'manual');
		if (!exists) await runHook(trigger, 'create', workflow, testWebhook, 'manual', 'manual');
	} catch (error) {
		// needsWebhook's catch: deactivateWebhooks deletes with the workflow's own static data
		// (the registration holds none yet), then the error reaches the editor.
		await runHook(trigger, 'delete', workflow, testWebhook, 'update');
		throw error;
	}
	const testStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	return {
		webhookUrl: `${trigger.publicUrl}/webhook-test/${trigger.webhookPath()}`,
		staticData: testStaticData,
		stop: async () => {
			const later = trigger.load(structuredClone(store.data));
			later.workflow.staticData = structuredClone(
				testStaticData,
			) as typeof later.workflow.staticData;
			await runHook(
				trigger,
				'delete',
				later.workflow,
				{ ...later.webhookData, isTest: true },
				'update',
			);
		},
	};
}

/** Runs a function with the real n8n-core HookContext the lifecycle methods get. */
export async function withHookContext<T>(
	trigger: TriggerWorkflow,
	store: WorkflowStaticDataStore,
	run: (context: IHookFunctions) => Promise<T>,
): Promise<T> {
	const { workflow, webhookData } = trigger.load(structuredClone(store.data));
	const node = workflow.getNode(TRIGGER_NODE_NAME)!;
	const context = new HookContext(
		workflow,
		node,
		webhookData.workflowExecuteAdditionalData,
		'internal',
		'activate',
		webhookData,
	);
	trigger.captureLogs(context);
	return await run(context);
}

async function runHook(
	trigger: TriggerWorkflow,
	method: 'checkExists' | 'create' | 'delete',
	workflow: Workflow,
	webhookData: IWebhookData,
	activation: WorkflowActivateMode,
	mode: WorkflowExecuteMode = 'internal',
): Promise<boolean | undefined> {
	const node = workflow.getNode(TRIGGER_NODE_NAME)!;
	const hook = trigger.nodeType(node).webhookMethods?.default?.[method];
	if (hook === undefined) throw new Error(`The trigger has no webhook method ${method}`);
	const context = new HookContext(
		workflow,
		node,
		webhookData.workflowExecuteAdditionalData,
		mode,
		activation,
		webhookData,
	);
	trigger.captureLogs(context);
	return (await hook.call(context)) as boolean | undefined;
}
