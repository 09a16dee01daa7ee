/**
 * Tests a credential the way n8n's credential tester (packages/cli credentials-tester.service.ts)
 * does when a user clicks "Test": a credential type with a `test` request has it run by n8n-core's real
 * RoutingNode in a temporary node, and a failed response matched against the `test.rules`; otherwise
 * the node that names the credential `testedBy` has its `methods.credentialTest` function called with
 * n8n-core's CredentialTestContext.
 */
import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
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

/** The credential test function a node declares for `credentialType` with `testedBy`. */
function testFunctionOf(credentialType: ICredentialType, nodes: INodeType[]) {
	for (const node of nodes) {
		const entry = node.description.credentials?.find(
			(credential) => credential.name === credentialType.name,
		);
		if (typeof entry?.testedBy === 'string') {
			return node.methods?.credentialTest?.[entry.testedBy];
		}
	}
	return undefined;
}

/** Runs the credential's test (see the file comment) with the given data and returns n8n's verdict. */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	nodes: INodeType[] = [],
): Promise<INodeCredentialTestResult> {
	const testRequest = credentialType.test;
	if (!testRequest) {
		const testFunction = testFunctionOf(credentialType, nodes);
		if (!testFunction) {
			return { status: 'Error', message: 'No testing function found for this credential.' };
		}
		return await testFunction.call(new CredentialTestContext(), {
			id: 'credential-under-test',
			name: 'Under test',
			type: credentialType.name,
			data,
		});
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
