import { resolve } from 'node:path';

import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import {
	createAdditionalData,
	createNodeTypes,
	nextExecutionId,
	PACKAGE_NAME,
} from '../n8nRuntime';
import type { HarnessNodeTypes } from '../n8nRuntime';

export const TRIGGER_NODE_NAME = 'Stripe Connect Trigger';
export const NEXT_NODE_NAME = 'Received';

/** One line the node wrote through `this.logger`. */
export interface LogLine {
	level: string;
	message: string;
}

/** What identifies the harness's workflow and what its trigger node is configured with. */
export interface TriggerWorkflowSettings {
	workflowId: string;
	webhookId: string;
	/** Where the loopback receiver listens. */
	baseUrl: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	nodeClasses: INodeType[];
}

/**
 * The harness's workflow (trigger → No Op) as n8n stores it, and the Workflow, webhook data and
 * additional data n8n builds from it for every activation and request.
 */
export class TriggerWorkflow {
	readonly workflowId: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The public URL n8n gives webhooks (WEBHOOK_URL), when it is not the receiver's own. */
	publicBaseUrl: string | undefined;
	/** Log lines the node wrote through `this.logger`, by level. */
	readonly logs: LogLine[] = [];

	private readonly webhookId: string;
	private readonly baseUrl: string;
	private readonly nodeTypes: HarnessNodeTypes;

	constructor(settings: TriggerWorkflowSettings) {
		this.workflowId = settings.workflowId;
		this.webhookId = settings.webhookId;
		this.baseUrl = settings.baseUrl;
		this.parameters = structuredClone(settings.parameters);
		this.credentials = structuredClone(settings.credentials);
		this.nodeTypes = createNodeTypes(settings.nodeClasses);
	}

	/** The base of the URLs n8n shows: the public URL when set, else the receiver's. */
	get publicUrl(): string {
		return this.publicBaseUrl ?? this.baseUrl;
	}

	/** The production webhook's path (`<workflowId>/<node>/…` or the webhookId), as n8n derives it. */
	webhookPath(): string {
		return NodeHelpers.getNodeWebhookPath(this.workflowId, this.node(), 'webhook');
	}

	/** The node type registered for a node of the workflow. */
	nodeType(node: INode): INodeType {
		return this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	}

	/** Builds the workflow from the saved data, as n8n does for every activation and request. */
	load(staticData: IDataObject): {
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

	/** n8n's additional data for a new execution of this workflow, with the webhook base URLs. */
	additionalData(): IWorkflowExecuteAdditionalData {
		const additionalData = createAdditionalData({
			executionId: nextExecutionId(),
			mode: 'webhook',
			workflowData: this.workflowData(),
			credentials: this.credentials,
		});
		additionalData.webhookBaseUrl = `${this.publicUrl}/webhook`;
		additionalData.webhookTestBaseUrl = `${this.publicUrl}/webhook-test`;
		return additionalData;
	}

	/** Routes the node's `this.logger` into `logs`. */
	captureLogs(context: { logger: unknown }): void {
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
}

/**
 * The Stripe Connect Trigger class from source. Imported by its full `.node.ts` path, as
 * runWorkflow loads the package's nodes: without the extension tsx (the benchmark's runner)
 * resolves `StripeConnectTrigger.node` to the codex file `StripeConnectTrigger.node.json`.
 */
export async function loadTriggerNode(): Promise<INodeType> {
	const file = resolve(
		__dirname,
		'../../../nodes/StripeConnectTrigger/StripeConnectTrigger.node.ts',
	);
	const module = (await import(file)) as { StripeConnectTrigger: new () => INodeType };
	return new module.StripeConnectTrigger();
}
