import type { INodeProperties } from 'n8n-workflow';
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

	it('leaves properties alone when merging them would change what an operation shows', () => {
		const selector: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			default: 'a',
			displayOptions: { show: { resource: ['r', 's'] } },
			options: [
				{ name: 'A', value: 'a' },
				{ name: 'B', value: 'b' },
			],
		};
		const field = (resource: string, operation: string): INodeProperties => ({
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		});
		// Note is declared for r.a and s.b only: one property for r and s, a and b would also show it
		// on r.b and s.a, so it stays two.
		const properties = shareProperties([selector, field('r', 'a'), field('s', 'b')]);
		expect(properties).toHaveLength(3);
	});
});
