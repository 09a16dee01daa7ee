import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	INodeType,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { plainItemPath, readItemPath } from '../../../../nodes/StripeConnect/shared/itemReads';
import { ParameterReader } from '../../../../nodes/StripeConnect/shared/parameterReader';
import { runWorkflow, type WorkflowJson } from '../../../harness/runWorkflow';

describe('plainItemPath', () => {
	it.each([
		['={{ $json.amount }}', ['amount']],
		['={{$json.amount}}', ['amount']],
		['={{ $json["order id"] }}', ['order id']],
		["={{ $json['x'].y }}", ['x', 'y']],
		['={{ $json.customer.account }}', ['customer', 'account']],
	])('%s reads %j', (expression, path) => {
		expect(plainItemPath(expression)).toEqual(path);
	});

	it.each([
		'={{ $json.amount * 100 }}',
		'={{ $json.amount.toFixed(2) }}',
		'={{ $json[key] }}',
		'={{ $("Other").item.json.amount }}',
		'={{ $json.a }}{{ $json.b }}',
		'=Order {{ $json.id }}',
		'={{ $json }}',
		'={{ $fromAI("amount") }}',
		'{{ $json.amount }}',
	])('%s is left to n8n', (expression) => {
		expect(plainItemPath(expression)).toBeUndefined();
	});
});

describe('readItemPath', () => {
	it('gives what n8n gives for plain values and missing steps', () => {
		expect(readItemPath({ a: 5 }, ['a'])).toEqual({ value: 5 });
		expect(readItemPath({ a: null }, ['a'])).toEqual({ value: null });
		expect(readItemPath({}, ['a'])).toEqual({ value: undefined });
		expect(readItemPath({ a: null }, ['a', 'b'])).toEqual({ value: undefined });
		expect(readItemPath({}, ['a', 'b'])).toEqual({ value: undefined });
	});

	it('leaves objects, and steps into text or numbers, to n8n', () => {
		expect(readItemPath({ a: [1] }, ['a'])).toBeUndefined();
		expect(readItemPath({ a: { b: 1 } }, ['a'])).toBeUndefined();
		expect(readItemPath({ a: 'text' }, ['a', 'length'])).toBeUndefined();
		expect(readItemPath({ a: [1, 2] }, ['a', 'length'])).toBeUndefined();
	});
});

const EXPRESSIONS = [
	'={{ $json.x }}',
	'={{ $json["x"] }}',
	"={{ $json['x'] }}",
	'={{ $json.o.p }}',
	'={{$json.x}}',
	'={{ $json.x.length }}',
];
const ITEMS: IDataObject[] = [
	{ x: 5 },
	{ x: '5' },
	{ x: null },
	{},
	{ x: true },
	{ x: [1] },
	{ x: { k: 1 } },
	{ o: { p: 2 } },
	{ o: null },
	{ o: 'text' },
	{ x: '' },
	{ x: 1.5 },
	{ x: 'abc' },
];

/** Reads parameter `a` of every item both ways and puts both results on the item. */
class ReadBothWays implements INodeType {
	description = {
		displayName: 'Read Both Ways',
		name: 'readBothWays',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Read Both Ways' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'A', name: 'a', type: 'string' as const, default: '' }],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		return [
			items.map((item, itemIndex) => {
				const single = {
					getNode: () => this.getNode(),
					getInputData: () => item,
					getNodeParameter: (name: string, fallback: unknown) =>
						this.getNodeParameter(name, itemIndex, fallback),
				} as unknown as IExecuteSingleFunctions;
				const fast = new ParameterReader(single).read('a').value;
				const byN8n = new ParameterReader(single, false).read('a').value;
				return {
					json: { fast: fast ?? '<undefined>', byN8n: byN8n ?? '<undefined>' } as IDataObject,
				};
			}),
		];
	}
}

describe('an expression that only reads the item gives what n8n gives', () => {
	it.each(EXPRESSIONS)('%s, for every kind of item value', async (expression) => {
		const workflow: WorkflowJson = {
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
					name: 'Read',
					type: 'n8n-nodes-stripe-connect.readBothWays',
					typeVersion: 1,
					position: [200, 0],
					parameters: { a: expression },
				},
			],
			connections: { Start: { main: [[{ node: 'Read', type: 'main', index: 0 }]] } },
		};

		const result = await runWorkflow(workflow, {
			inputItems: ITEMS,
			extraNodes: [new ReadBothWays()],
		});

		expect(result.error).toBeUndefined();
		const read = (result.outputs.Read?.[0] ?? []).map((item) => item.json);
		expect(read).toHaveLength(ITEMS.length);
		for (const { fast, byN8n } of read) expect(fast).toEqual(byN8n);
	});
});
