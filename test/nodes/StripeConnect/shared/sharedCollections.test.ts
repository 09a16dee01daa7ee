import type { INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import { shareProperties } from '../../../../nodes/StripeConnect/shared/sharedProperties';

const description = new StripeConnect().description;
const operations = builtStripeOperations();

const COLLECTIONS = ['options', 'additionalFields', 'updateFields', 'filters'];

function topLevelNamed(name: string): INodeProperties[] {
	return description.properties.filter((property) => property.name === name);
}

/** Every member name each collection has in any operation, so a value set for another operation is there too. */
function everyMemberName(): Map<string, Set<string>> {
	const names = new Map<string, Set<string>>();
	for (const summary of operations) {
		for (const property of summary.properties.filter(
			(candidate) => candidate.type === 'collection',
		)) {
			const known = names.get(property.name) ?? new Set<string>();
			for (const member of (property.options ?? []) as INodeProperties[]) known.add(member.name);
			names.set(property.name, known);
		}
	}
	return names;
}

/** The node as this one operation declared it: Resource, its Operation selector and its own fields. */
function declaredOnly(resource: string, own: INodeProperties[]): INodeTypeDescription {
	const selectors = description.properties.filter(
		(property) =>
			property.name === 'resource' ||
			(property.name === 'operation' &&
				(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource)),
	);
	return { ...description, properties: [...selectors, ...own] };
}

describe('the collections of one name are one property across resources', () => {
	it('has one Options, one Additional Fields and one Update Fields for the whole node', () => {
		expect(topLevelNamed('options')).toHaveLength(1);
		expect(topLevelNamed('additionalFields')).toHaveLength(1);
		expect(topLevelNamed('updateFields')).toHaveLength(1);
		// Filters → Status is a list for disputes and one value for payouts: the editor adds a member
		// with the first definition of its name, so those two collections stay apart.
		expect(topLevelNamed('filters')).toHaveLength(2);
	});

	it('adds members of one name alike within each collection (the editor takes the first)', () => {
		for (const name of COLLECTIONS) {
			for (const collection of topLevelNamed(name)) {
				const addedAs = new Map<string, string>();
				for (const member of (collection.options ?? []) as INodeProperties[]) {
					const added = JSON.stringify([
						member.type,
						member.default,
						member.typeOptions?.multipleValues ?? false,
					]);
					expect(addedAs.get(member.name) ?? added, `${name} → ${member.name}`).toBe(added);
					addedAs.set(member.name, added);
				}
			}
		}
	});

	it.each(
		operations.map((summary) => ({ name: `${summary.resource}.${summary.operation}`, summary })),
	)(
		'$name: n8n keeps exactly the parameters the operation declared, members of every collection set',
		({ summary }) => {
			const memberNames = everyMemberName();
			for (const value of ['plain', '={{ $json.value }}']) {
				const parameters: Record<string, unknown> = {
					resource: summary.resource,
					operation: summary.operation,
				};
				for (const [collection, names] of memberNames) {
					parameters[collection] = Object.fromEntries([...names].map((name) => [name, value]));
				}
				const node = {
					name: 'Stripe Connect',
					type: 'n8n-nodes-stripe-connect.stripeConnect',
					typeVersion: 1,
					parameters,
				} as unknown as INode;
				const declared = declaredOnly(summary.resource, summary.properties);
				for (const withDefaults of [true, false]) {
					expect(
						NodeHelpers.getNodeParameters(
							description.properties,
							parameters as never,
							withDefaults,
							false,
							node,
							description,
						),
					).toEqual(
						NodeHelpers.getNodeParameters(
							declared.properties,
							parameters as never,
							withDefaults,
							false,
							node,
							declared,
						),
					);
				}
			}
		},
	);

	it('shows a member declared differently by two resources once per resource', () => {
		const selector = (resource: string): INodeProperties => ({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			default: 'create',
			displayOptions: { show: { resource: [resource] } },
			options: [
				{ name: 'Create', value: 'create' },
				{ name: 'Get', value: 'get' },
			],
		});
		const note = (about: string): INodeProperties => ({
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			description: `A note on the ${about}`,
		});
		const extra = (resource: string, members: INodeProperties[]): INodeProperties => ({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			default: {},
			displayOptions: { show: { resource: [resource], operation: ['create'] } },
			options: members,
		});
		const shared: INodeProperties = {
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			default: '',
		};
		const properties = shareProperties([
			selector('payout'),
			selector('transfer'),
			extra('payout', [note('payout'), shared]),
			extra('transfer', [note('transfer'), shared]),
		]);
		const collections = properties.filter((property) => property.name === 'additionalFields');
		expect(collections).toHaveLength(1);
		expect(collections[0].displayOptions?.show).toEqual({
			resource: ['payout', 'transfer'],
			operation: ['create'],
		});
		expect(collections[0].options).toEqual([
			{ ...note('payout'), displayOptions: { show: { '/resource': ['payout'] } } },
			{ ...note('transfer'), displayOptions: { show: { '/resource': ['transfer'] } } },
			shared,
		]);
	});
});
