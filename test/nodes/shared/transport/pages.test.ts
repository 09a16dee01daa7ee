import { join } from 'node:path';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nextPageOfV2, nextPageQuery } from '../../../../nodes/shared/transport/pages';
import { stripeRoutingHook } from '../../../../nodes/shared/transport/routingHook';
import { startSandbox, type StripeSandbox } from '../../../../stripe-sandbox';
import { loadWorkflowFixture, runWorkflow, sandboxCredentials } from '../../../harness/runWorkflow';

describe('nextPageQuery', () => {
	it('continues a list after its last object', () => {
		expect(
			nextPageQuery(
				{ object: 'list', has_more: true, data: [{ id: 'po_2' }, { id: 'po_1' }] },
				{ limit: 100 },
			),
		).toEqual({ limit: 100, starting_after: 'po_1' });
	});

	it('continues a search with next_page', () => {
		expect(
			nextPageQuery(
				{ object: 'search_result', has_more: true, next_page: 'abc', data: [] },
				{ query: 'q', limit: 100 },
			),
		).toEqual({ query: 'q', limit: 100, page: 'abc' });
	});

	it('stops on the last page', () => {
		expect(
			nextPageQuery({ object: 'list', has_more: false, data: [{ id: 'x' }] }, {}),
		).toBeUndefined();
		expect(
			nextPageQuery({ object: 'search_result', has_more: true, next_page: null, data: [] }, {}),
		).toBeUndefined();
		expect(nextPageQuery({ object: 'list', has_more: true, data: [] }, {})).toBeUndefined();
	});
});

describe('nextPageOfV2', () => {
	it('follows next_page_url of a v2 list, and stops at null', () => {
		expect(
			nextPageOfV2({ data: [], next_page_url: '/v2/core/accounts?page=abc&limit=10' }),
		).toEqual({ path: '/v2/core/accounts', query: { page: 'abc', limit: '10' } });
		expect(nextPageOfV2({ data: [], next_page_url: null })).toBeUndefined();
		expect(nextPageOfV2({ object: 'list', has_more: true, data: [] })).toBeUndefined();
	});
});

/**
 * A declarative node with one list operation on `/v2/core/accounts`, sent by the transport's routing
 * hook: the Accounts v2 resources will read their lists this way, through the same send path.
 */
class StripeV2ListProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'V2 List Probe',
		name: 'stripeV2ListProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads /v2/core/accounts through the transport (test only)',
		defaults: { name: 'V2 List Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripeConnectApi', required: true }],
		requestDefaults: { baseURL: 'https://api.stripe.com' },
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'list',
				options: [
					{
						name: 'List',
						value: 'list',
						routing: {
							request: { method: 'GET', url: '/v2/core/accounts' },
							send: { paginate: true },
							operations: {
								pagination: stripeRoutingHook({
									operation: 'probe.list',
									build: () => ({
										request: { method: 'GET', path: '/v2/core/accounts' },
										list: { returnAll: true, limit: 0 },
										idempotency: { mode: 'rerunSafe' },
									}),
									output: 'list',
								}),
							},
						},
					},
				],
			},
		],
	};
}

describe('readStripeList on the wire', () => {
	let sandbox: StripeSandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});

	afterAll(async () => {
		await sandbox.close();
	});

	it('follows a v2 next_page_url as Stripe names it, to the end', async () => {
		const created = Array.from(
			{ length: 105 },
			(_, index) => sandbox.state.createV2Account({ display_name: `Shop ${index}` }).id,
		);
		sandbox.clearRequests();

		const result = await runWorkflow(
			loadWorkflowFixture(join(__dirname, 'fixtures', 'v2-accounts-list.json')),
			{ credentials: sandboxCredentials(sandbox), extraNodes: [new StripeV2ListProbe()] },
		);

		expect(result.error).toBeUndefined();
		const requests = sandbox.requests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v2/core/accounts',
			'GET /v2/core/accounts',
		]);
		expect(requests[0].rawQuery).toBe('limit=100');
		const firstPage = requests[0].responseBody as { next_page_url: string };
		expect(`/v2/core/accounts?${requests[1].rawQuery}`).toBe(firstPage.next_page_url);
		expect(requests.every((request) => request.status === 200)).toBe(true);
		const listed = (result.outputs['V2 List Probe']?.[0] ?? []).map((item) => item.json.id);
		expect(listed).toEqual([...created].reverse());
	});
});
