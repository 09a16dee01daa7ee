import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import { shareProperties } from '../../../../nodes/StripeConnect/shared/sharedProperties';

const node = new StripeConnect();
const operations = builtStripeOperations();

function shown(property: INodeProperties, values: Record<string, string>): boolean {
	const show = (property.displayOptions?.show ?? {}) as Record<string, unknown[]>;
	return Object.entries(show).every(([key, allowed]) => {
		const name = key.replace(/^\//, '');
		return !(name in values) || allowed.includes(values[name]);
	});
}

/** A property as the operation declared it, display options aside. */
function declared(property: INodeProperties): Partial<INodeProperties> {
	const copy: Partial<INodeProperties> = { ...property };
	delete copy.displayOptions;
	if (property.type === 'collection') {
		copy.options = ((property.options ?? []) as INodeProperties[]).map((member) => {
			const plain = { ...member };
			delete plain.displayOptions;
			return plain;
		});
	}
	return copy;
}

/** An Operation selector with operations a and b, for resources named in a synthetic node. */
function operationSelector(resources: string[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		default: 'a',
		displayOptions: { show: { resource: resources } },
		options: [
			{ name: 'A', value: 'a' },
			{ name: 'B', value: 'b' },
		],
	};
}

/** A Note field one synthetic operation declares, hidden on `hide` if given. */
function noteField(
	resource: string,
	operation: string,
	{ hide }: { hide?: Record<string, string[]> } = {},
): INodeProperties {
	return {
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		displayOptions: {
			show: { resource: [resource], operation: [operation] },
			...(hide ? { hide } : {}),
		},
	};
}

describe('the node description shares the fields operations have in common', () => {
	it('has far fewer top-level properties than the operations declare', () => {
		const declaredCount = operations.reduce((sum, summary) => sum + summary.properties.length, 0);
		expect(declaredCount).toBeGreaterThan(200);
		expect(node.description.properties.length).toBeLessThan(declaredCount / 1.8);
	});

	it.each(
		operations.map((summary) => ({ name: `${summary.resource}.${summary.operation}`, summary })),
	)(
		'$name shows exactly its own fields, in its own order, with its own collection members',
		({ summary }) => {
			const values = { resource: summary.resource, operation: summary.operation };
			const visible = node.description.properties
				.filter((property) => property.name !== 'resource' && property.name !== 'operation')
				.filter((property) => shown(property, values))
				.filter((property) =>
					// Conditional fields (e.g. Limit) depend on other values; compare them as declared.
					Object.keys(property.displayOptions?.show ?? {}).every(
						(key) =>
							['resource', 'operation'].includes(key) ||
							summary.properties.some(
								(own) =>
									own.name === property.name && own.displayOptions?.show?.[key] !== undefined,
							),
					),
				)
				.map((property) =>
					property.type === 'collection'
						? {
								...property,
								options: ((property.options ?? []) as INodeProperties[]).filter((member) =>
									shown(member, values),
								),
							}
						: property,
				);
			expect(visible.map(declared)).toEqual(summary.properties.map(declared));
		},
	);

	it('has one Amount and one Destination Account for every operation that moves money to an account', () => {
		// n8n resolves an item's value once per property of its name, twice per item (docs/benchmarks.md).
		const named = (name: string) =>
			node.description.properties.filter((property) => property.name === name);
		expect(named('amount')).toHaveLength(1);
		expect(named('destination')).toHaveLength(1);
		const [destination] = named('destination');
		// n8n's own display check, as the editor and RoutingNode run it.
		const visible = (parameters: INodeParameters) =>
			NodeHelpers.displayParameter(parameters, destination, null, node.description, parameters);

		expect(visible({ resource: 'transfer', operation: 'create' })).toBe(true);
		expect(
			visible({ resource: 'paymentIntent', operation: 'create', chargeType: 'destination' }),
		).toBe(true);
		expect(visible({ resource: 'paymentIntent', operation: 'create', chargeType: 'direct' })).toBe(
			false,
		);
		expect(visible({ resource: 'payout', operation: 'create' })).toBe(false);
		expect(visible({ resource: 'transfer', operation: 'get' })).toBe(false);
	});

	it('keeps the conditions a field is hidden on when it merges the field', () => {
		const hiddenWhenQuiet = { hide: { mode: ['quiet'] } };
		const properties = shareProperties([
			operationSelector(['r', 's']),
			noteField('r', 'a', hiddenWhenQuiet),
			noteField('r', 'b', hiddenWhenQuiet),
			noteField('s', 'a', hiddenWhenQuiet),
			noteField('s', 'b', hiddenWhenQuiet),
		]);

		const notes = properties.filter((property) => property.name === 'note');
		expect(notes).toHaveLength(1);
		expect(notes[0].displayOptions).toEqual({
			show: { resource: ['r', 's'], operation: ['a', 'b'] },
			hide: { mode: ['quiet'] },
		});
	});

	it('leaves properties alone when merging them would change what an operation shows', () => {
		// Note is declared for r.a and s.b only: one property for r and s, a and b would also show it
		// on r.b and s.a, so it stays two.
		const properties = shareProperties([
			operationSelector(['r', 's']),
			noteField('r', 'a'),
			noteField('s', 'b'),
		]);
		expect(properties).toHaveLength(3);
	});
});
