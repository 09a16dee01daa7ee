import type { INodeProperties } from 'n8n-workflow';

import { displayedWhere, hideOf, inOrder, listOf, showOf, without } from './displayRectangles';
import { shareCollectionsAcrossResources } from './sharedCollections';

/*
 * n8n's RoutingNode walks every top-level property of the node twice for every item before the first
 * request leaves (once for the request, once to find the base URL), resolving the item's value of the
 * parameter of each property's name whether the property is shown or not: every property costs a
 * little per item, and every property whose name holds an expression costs two expression
 * evaluations per item (docs/benchmarks.md has the figures). Operations declare their fields on their
 * own (one file each); here the fields that are the same in several operations become one property
 * shown for all of them: first within a resource (a collection whose members differ keeps every member
 * and shows each only for the operations that have it, with `/operation` display options), then the
 * collections of one name across resources (sharedCollections.ts), then identical properties across
 * resources where that is exact. Every operation still shows exactly the fields it declared, in its
 * own order.
 */

/** A property several declarations become, with the operations each collection member belongs to. */
interface Merged {
	property: INodeProperties;
	operations: string[];
	members?: Map<string, { member: INodeProperties; operations: string[] }>;
	/** The member order of each declaration, so the merged collection keeps every one of them. */
	memberOrders: string[][];
}

/** Everything that must be equal for two properties of a resource to be one, operations left out. */
function signature(property: INodeProperties): string {
	const show = without(showOf(property), ['operation']);
	const rest = without(property, ['displayOptions', 'options']);
	const options = property.type === 'collection' ? null : (property.options ?? null);
	return JSON.stringify([rest, show, hideOf(property), options]);
}

/** Adds a declaration to `merged` unless one of its collection members clashes with a known one. */
function absorb(merged: Merged, property: INodeProperties, operations: string[]): boolean {
	if (merged.members) {
		const members = (property.options ?? []) as INodeProperties[];
		const clash = members.some((member) => {
			const known = merged.members?.get(member.name);
			return known !== undefined && JSON.stringify(known.member) !== JSON.stringify(member);
		});
		if (clash) return false;
		for (const member of members) {
			const known = merged.members.get(member.name);
			if (known) known.operations.push(...operations);
			else merged.members.set(member.name, { member, operations: [...operations] });
		}
		merged.memberOrders.push(members.map((member) => member.name));
	}
	merged.operations.push(...operations);
	return true;
}

function finish(merged: Merged): INodeProperties {
	const show = { ...showOf(merged.property), operation: merged.operations };
	const property: INodeProperties = {
		...merged.property,
		displayOptions: displayedWhere(merged.property, show),
	};
	if (merged.members) {
		const members = merged.members;
		const names = inOrder([...members.keys()], merged.memberOrders) ?? [...members.keys()];
		property.options = names.map((name) => {
			const { member, operations } = members.get(name)!;
			return operations.length === merged.operations.length
				? member
				: { ...member, displayOptions: { show: { '/operation': operations } } };
		});
	}
	return property;
}

/** Merges, within each resource, declarations that differ only in their operations. */
function shareWithinResources(
	properties: INodeProperties[],
	finalOf: Map<INodeProperties, INodeProperties>,
): void {
	const merged: Merged[] = [];
	const mergedOf = new Map<INodeProperties, Merged>();
	for (const property of properties) {
		const show = showOf(property);
		const operations = listOf(show, 'operation');
		if (listOf(show, 'resource').length !== 1 || operations.length === 0) continue;
		const key = signature(property);
		let target = merged.find(
			(entry) =>
				signature(entry.property) === key &&
				!entry.operations.some((operation) => operations.includes(operation)) &&
				absorb(entry, property, operations),
		);
		if (!target) {
			target = {
				property,
				operations: [],
				memberOrders: [],
				...(property.type === 'collection' ? { members: new Map() } : {}),
			};
			absorb(target, property, operations);
			merged.push(target);
		}
		mergedOf.set(property, target);
	}
	const finished = new Map(merged.map((entry) => [entry, finish(entry)]));
	for (const [property, entry] of mergedOf) finalOf.set(property, finished.get(entry)!);
}

/** The resource × operation pairs the node has, from its Operation selectors. */
function existingPairs(properties: INodeProperties[]): Set<string> {
	const pairs = new Set<string>();
	for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
		for (const resource of listOf(showOf(property), 'resource')) {
			for (const option of (property.options ?? []) as Array<{ value: unknown }>) {
				pairs.add(`${resource}.${String(option.value)}`);
			}
		}
	}
	return pairs;
}

/**
 * Merges properties that are identical in several resources, when that is exact: every resource ×
 * operation the merged display options match is one the properties came from (Return All and Limit
 * of every Get Many, Metadata of every write that has it).
 */
function shareAcrossResources(
	finals: INodeProperties[],
	pairs: Set<string>,
	finalOf: Map<INodeProperties, INodeProperties>,
): void {
	const groups = new Map<string, INodeProperties[]>();
	for (const property of finals) {
		const show = without(showOf(property), ['resource', 'operation']);
		const key = JSON.stringify([without(property, ['displayOptions']), show, hideOf(property)]);
		groups.set(key, [...(groups.get(key) ?? []), property]);
	}
	const replaced = new Map<INodeProperties, INodeProperties>();
	for (const group of groups.values()) {
		if (group.length < 2) continue;
		const covered = new Set(
			group.flatMap((property) =>
				listOf(showOf(property), 'resource').flatMap((resource) =>
					listOf(showOf(property), 'operation').map((operation) => `${resource}.${operation}`),
				),
			),
		);
		const resources = [...new Set(group.flatMap((item) => listOf(showOf(item), 'resource')))];
		const operations = [...new Set(group.flatMap((item) => listOf(showOf(item), 'operation')))];
		const exact = resources.every((resource) =>
			operations.every((operation) => {
				const pair = `${resource}.${operation}`;
				return !pairs.has(pair) || covered.has(pair);
			}),
		);
		if (!exact) continue;
		const one: INodeProperties = {
			...group[0],
			displayOptions: displayedWhere(group[0], {
				...showOf(group[0]),
				resource: resources,
				operation: operations,
			}),
		};
		for (const property of group) replaced.set(property, one);
	}
	for (const [declared, final] of finalOf) {
		const merged = replaced.get(final);
		if (merged) finalOf.set(declared, merged);
	}
}

/**
 * The final properties in an order that keeps, for every operation, its fields in the order it
 * declared them (a stable topological sort); undefined when no such order exists.
 */
function inDeclaredOrder(
	properties: INodeProperties[],
	finalOf: Map<INodeProperties, INodeProperties>,
): INodeProperties[] | undefined {
	const finals = [...new Set(properties.map((property) => finalOf.get(property) ?? property))];
	const selectorOf = new Map(
		properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				listOf(showOf(property), 'resource').map((resource) => [resource, property] as const),
			),
	);
	const sequences = new Map<string, INodeProperties[]>();
	for (const property of properties) {
		const show = showOf(property);
		for (const resource of listOf(show, 'resource')) {
			for (const operation of listOf(show, 'operation')) {
				const key = `${resource}.${operation}`;
				const selector = selectorOf.get(resource);
				const sequence = sequences.get(key) ?? (selector ? [selector] : []);
				sequences.set(key, [...sequence, finalOf.get(property) ?? property]);
			}
		}
	}
	return inOrder(finals, [...sequences.values()]);
}

/** The node's properties with the fields operations share merged (see the file comment). */
export function shareProperties(properties: INodeProperties[]): INodeProperties[] {
	const pairs = existingPairs(properties);
	let finalOf = new Map<INodeProperties, INodeProperties>();
	shareWithinResources(properties, finalOf);
	let finals = inDeclaredOrder(properties, finalOf);
	if (!finals) return properties;
	const collectionsShared = new Map(finalOf);
	shareCollectionsAcrossResources(properties, pairs, collectionsShared);
	const withCollectionsShared = inDeclaredOrder(properties, collectionsShared);
	if (withCollectionsShared) [finals, finalOf] = [withCollectionsShared, collectionsShared];
	shareAcrossResources(finals, pairs, finalOf);
	return inDeclaredOrder(properties, finalOf) ?? finals;
}
