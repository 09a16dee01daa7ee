/**
 * The pieces of an n8n instance that n8n-core needs to execute our nodes in-process: a node-type
 * registry holding our nodes (loaded from source) and two stand-ins for n8n-nodes-base, a
 * credentials helper that applies the credential's real `authenticate`, and execution
 * `additionalData`. Only what n8n's CLI would provide is provided; everything else runs the real
 * n8n-core code paths (WorkflowExecute, RoutingNode, the execution contexts).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Credentials, DirectoryLoader, ExecutionLifecycleHooks } from 'n8n-core';
import { ICredentialsHelper, LoggerProxy } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { StripeConnectApi } from '../../credentials/StripeConnectApi.credentials';

/** The package name n8n prefixes node types with when it installs this community package. */
export const PACKAGE_NAME = 'n8n-nodes-stripe-connect';

// n8n-core writes its instance config under the user folder; keep it away from $HOME.
const userFolder = process.env.N8N_USER_FOLDER ?? join(tmpdir(), 'n8n-nodes-stripe-connect-tests');
process.env.N8N_USER_FOLDER = userFolder;
mkdirSync(userFolder, { recursive: true });

// n8n-core logs every node failure; tests assert on errors instead. HARNESS_LOG=1 shows the logs.
const silent = () => {};
if (!process.env.HARNESS_LOG) {
	LoggerProxy.init({ error: silent, warn: silent, info: silent, debug: silent });
}

/**
 * Stands in for n8n's Manual Trigger. Harness runs start the way production executions do, with the
 * trigger's items already on the execution stack, so `trigger` only matters for manual mode.
 */
class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.manualTrigger',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return { manualTriggerFunction: async () => this.emit([[{ json: {} }]]) };
	}
}

/** Passes its input through, like n8n-nodes-base.noOp. */
class NoOpStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.noOp',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** Node types by their full type name, as an installed n8n would register them. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	register(fullTypeName: string, nodeType: INodeType | IVersionedNodeType): void {
		this.types.set(fullTypeName, nodeType);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (!found) {
			throw new Error(
				`Unknown node type "${nodeType}". Known: ${[...this.types.keys()].join(', ')}`,
			);
		}
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const found = this.getByName(nodeType);
		if ('nodeVersions' in found) {
			return found.getNodeType(version);
		}
		return found;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}
}

/**
 * Registers the stand-ins for the two n8n-nodes-base nodes our fixtures use, plus every node class
 * given, under `<package>.<node name>` exactly as n8n names a community node.
 */
export function createNodeTypes(ourNodes: INodeType[]): HarnessNodeTypes {
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.register('n8n-nodes-base.manualTrigger', new ManualTriggerStandIn());
	nodeTypes.register('n8n-nodes-base.noOp', new NoOpStandIn());
	for (const node of ourNodes) {
		// As n8n's loader does: a declarative node gets the Request Options setting (batching, proxy,
		// timeout) once; RoutingNode reads it.
		if (!node.description.properties.some((property) => property.name === 'requestOptions')) {
			DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
		}
		nodeTypes.register(`${PACKAGE_NAME}.${node.description.name}`, node);
	}
	return nodeTypes;
}

const credentialTypes: Record<string, ICredentialType> = {
	stripeConnectApi: new StripeConnectApi(),
};

/**
 * Serves credential data by type and applies the credential type's own `authenticate`, as n8n's
 * CredentialsHelper does for function-style authentication (the only style this package uses).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentialsByType: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const credentialType = credentialTypes[typeName];
		if (!credentialType) {
			throw new Error(`The harness does not know the credential type "${typeName}"`);
		}
		if (typeof credentialType.authenticate !== 'function') {
			throw new Error(`The harness only applies function-style authenticate (${typeName})`);
		}
		return await credentialType.authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials({ id: null, name: type }, type, '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentialsByType[type];
		if (!data) {
			throw new Error(`No credentials of type "${type}" were given to the harness`);
		}
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return credentialTypes.stripeConnectApi.properties;
	}
}

let executionCounter = 0;

/** Execution ids are unique per process, like a real n8n's, so idempotency keys differ per run. */
export function nextExecutionId(): string {
	executionCounter += 1;
	return `harness-${process.pid}-${executionCounter}`;
}

/**
 * Builds the plain `additionalData` object n8n's CLI hands to WorkflowExecute, with lifecycle hooks
 * whose `workflowExecuteAfter` resolves the returned promise.
 */
export function createAdditionalData(options: {
	executionId: string;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	credentials: Record<string, ICredentialDataDecryptedObject>;
}): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(
		options.mode,
		options.executionId,
		options.workflowData,
	);
	const additionalData = {
		hooks,
		executionId: options.executionId,
		credentialsHelper: new HarnessCredentialsHelper(options.credentials),
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		currentNodeParameters: undefined,
		variables: {},
		userId: 'harness-user',
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the harness');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code runners are not supported by the harness');
		},
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}
