import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	PACKAGE_NAME,
	runWorkflow,
	type RunWorkflowOptions,
	type WorkflowJson,
} from './runWorkflow';

/** A minimal declarative node using our credential, to prove the harness runs RoutingNode for real. */
class EchoBalance implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Echo Balance',
		name: 'echoBalance',
		group: ['transform'],
		version: 1,
		description: 'Harness self-test node',
		defaults: { name: 'Echo Balance' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'stripeConnectApi', required: true }],
		requestDefaults: { baseURL: '={{$credentials.baseUrl}}' },
		properties: [
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				routing: { request: { method: 'GET', url: '=/v1/balance', qs: { label: '={{$value}}' } } },
			},
		],
	};
}

interface Received {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];
let failuresToServe = 0;

beforeAll(async () => {
	server = createServer((request, response) => {
		received.push({ method: request.method!, url: request.url!, headers: request.headers });
		if (failuresToServe > 0) {
			failuresToServe -= 1;
			response.writeHead(500, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ error: { type: 'api_error', message: 'boom' } }));
			return;
		}
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ object: 'balance', available: [], url: request.url }));
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((done) => server.close(done));
});

function echoWorkflow(nodeOptions: Record<string, unknown> = {}): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Echo',
				type: `${PACKAGE_NAME}.echoBalance`,
				typeVersion: 1,
				position: [200, 0],
				parameters: { label: '={{ $json.label }}' },
				credentials: { stripeConnectApi: { id: '1', name: 'Sandbox' } },
				...nodeOptions,
			},
		],
		connections: { Start: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
	};
}

const run = (workflow: WorkflowJson, options: RunWorkflowOptions = {}) =>
	runWorkflow(workflow, { extraNodes: [new EchoBalance()], ...options });

const credentials = () => ({
	stripeConnectApi: {
		secretKey: 'sk_test_harnessSelfTest123',
		apiVersion: '2026-10-28.endive',
		baseUrl,
	},
});

describe('runWorkflow', () => {
	it('runs a declarative node per input item with the credential applied on the wire', async () => {
		received.length = 0;
		const result = await run(echoWorkflow(), {
			credentials: credentials(),
			inputItems: [{ label: 'first' }, { label: 'second' }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.outputs.Echo[0].map((item) => item.json.url)).toEqual([
			'/v1/balance?label=first',
			'/v1/balance?label=second',
		]);
		expect(received).toHaveLength(2);
		expect(received[0].method).toBe('GET');
		expect(received[0].headers.authorization).toBe('Bearer sk_test_harnessSelfTest123');
		expect(received[0].headers['stripe-version']).toBe('2026-10-28.endive');
	});

	it('reports the failing node and its error when a request fails', async () => {
		received.length = 0;
		failuresToServe = 1;
		const result = await run(echoWorkflow(), { credentials: credentials() });

		expect(result.status).toBe('error');
		expect(result.error?.node).toBe('Echo');
		expect(result.error?.httpCode).toBe('500');
		expect(received).toHaveLength(1);
	});

	it("honours n8n's Retry On Fail by running the node again", async () => {
		received.length = 0;
		failuresToServe = 1;
		const result = await run(
			echoWorkflow({ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 }),
			{ credentials: credentials() },
		);

		expect(result.error).toBeUndefined();
		expect(received).toHaveLength(2);
	});

	it('refuses a malformed key before any request is sent', async () => {
		received.length = 0;
		const result = await run(echoWorkflow(), {
			credentials: {
				stripeConnectApi: { ...credentials().stripeConnectApi, secretKey: 'pk_test_123456789' },
			},
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('publishable key');
		expect(received).toHaveLength(0);
	});

	it('gives each execution its own id unless one is given', async () => {
		const first = await run(echoWorkflow(), { credentials: credentials() });
		const second = await run(echoWorkflow(), { credentials: credentials() });
		const pinned = await run(echoWorkflow(), {
			credentials: credentials(),
			executionId: first.executionId,
		});

		expect(second.executionId).not.toBe(first.executionId);
		expect(pinned.executionId).toBe(first.executionId);
	});
});
