/**
 * Tests a credential the way n8n's credential tester does when a user clicks "Test": the credential
 * type's `test.request` becomes the routing of a temporary node run by n8n-core's real RoutingNode,
 * authenticated with the credential, and a failed response is matched against the `test.rules`.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeCredentialTestResult,
	INodeType,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';

import { createAdditionalData, createNodeTypes, nextExecutionId } from './n8nRuntime';

interface RequestError {
	message?: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

/** Runs `credentialType.test` with the given data and returns n8n's verdict. */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const testRequest = credentialType.test;
	if (!testRequest) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const temporaryNodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Temporary node n8n builds to test a credential',
			defaults: { name: 'Temp-Node' },
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: testRequest.request },
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'credential-under-test', name: 'Under test' } },
	};
	const nodeTypes = createNodeTypes([]);
	nodeTypes.register('credentialTest', temporaryNodeType);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = createAdditionalData({
		executionId: nextExecutionId(),
		mode: 'internal',
		credentials: { [credentialType.name]: data },
		workflowData: { nodes: [node], connections: {} } as unknown as IWorkflowBase,
	});
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, temporaryNodeType, {
		id: 'credential-under-test',
		name: 'Under test',
		type: credentialType.name,
		data,
	});

	try {
		await routingNode.runNode();
	} catch (caught) {
		const error = caught as RequestError;
		const response = error.cause?.response;
		if (response) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
		if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
