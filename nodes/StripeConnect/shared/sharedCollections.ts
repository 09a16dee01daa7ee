import type { INodeProperties } from 'n8n-workflow';

import {
	displayedWhere,
	hideOf,
	inOrder,
	inRectangle,
	listOf,
	pairsOf,
	rectanglesFor,
	showOf,
	without,
	type Rectangle,
} from './displayRectangles';

/*
 * RoutingNode resolves, for every top-level property, the item's value of the parameter of the same
 * name (`get(node.parameters, property.name)`: an expression evaluation per property and pass, shown
 * or not). Options, Additional Fields, Filters and Update Fields are declared by each operation; as
 * one property per resource, an expression in one of them would cost two evaluations per item for
 * every resource that has one. So the collections of one name become one property for all resources
 * wherever display options can say so exactly, each member shown only where it was declared.
 */

/** One member of a merged collection: a declared member, shown within `rectangle`. */
interface MemberEntry {
	definition: string;
	rectangle: Rectangle;
	member: INodeProperties;
}

/**
 * One collection for `declarations` (one per resource × operation, all inside `rectangle`): each
 * member shown exactly where it was declared, a member declared differently by some operations
 * once per definition; undefined when no member order suits every operation.
 */
function mergedCollection(
	declarations: INodeProperties[],
	rectangle: Rectangle,
): INodeProperties | undefined {
	const collectionPairs = new Set(declarations.flatMap(pairsOf));
	const declared = new Map<string, { member: INodeProperties; pairs: Set<string> }>();
	for (const declaration of declarations) {
		for (const member of (declaration.options ?? []) as INodeProperties[]) {
			const definition = JSON.stringify(member);
			const known = declared.get(definition) ?? { member, pairs: new Set<string>() };
			for (const pair of pairsOf(declaration)) known.pairs.add(pair);
			declared.set(definition, known);
		}
	}
	const entries: MemberEntry[] = [...declared].flatMap(([definition, { member, pairs }]) =>
		rectanglesFor(pairs, collectionPairs).map((where) => {
			if (pairs.size === collectionPairs.size) return { definition, rectangle: where, member };
			const show: Record<string, string[]> = {};
			if (where.resources.length < rectangle.resources.length) show['/resource'] = where.resources;
			if (where.operations.length < rectangle.operations.length) {
				show['/operation'] = where.operations;
			}
			return { definition, rectangle: where, member: { ...member, displayOptions: { show } } };
		}),
	);
	const sequences = declarations.flatMap((declaration) =>
		pairsOf(declaration).map((pair) =>
			((declaration.options ?? []) as INodeProperties[]).map(
				(member) =>
					entries.find(
						(entry) =>
							entry.definition === JSON.stringify(member) && inRectangle(pair, entry.rectangle),
					) as MemberEntry,
			),
		),
	);
	const ordered = inOrder(entries, sequences);
	if (!ordered) return undefined;
	const { resources: resource, operations: operation } = rectangle;
	return {
		...declarations[0],
		displayOptions: displayedWhere(declarations[0], {
			...showOf(declarations[0]),
			resource,
			operation,
		}),
		options: ordered.map((entry) => entry.member),
	};
}

/** What the editor gives a member the user adds (it takes the first member of that name). */
function addedAs(member: INodeProperties): string {
	return JSON.stringify([member.type, member.default, member.typeOptions?.multipleValues ?? false]);
}

/**
 * The collections in groups within which members of one name are added alike (e.g. Filters →
 * Status is a list for disputes and one value for payouts: those two stay apart).
 */
function withoutClashes(collections: INodeProperties[]): INodeProperties[][] {
	const groups: Array<{ added: Map<string, string>; collections: INodeProperties[] }> = [];
	for (const collection of collections) {
		const own = (collection.options ?? []) as INodeProperties[];
		let group = groups.find(({ added }) =>
			own.every((member) => (added.get(member.name) ?? addedAs(member)) === addedAs(member)),
		);
		if (!group) {
			group = { added: new Map(), collections: [] };
			groups.push(group);
		}
		for (const member of own) group.added.set(member.name, addedAs(member));
		group.collections.push(collection);
	}
	return groups.map((group) => group.collections);
}

/**
 * Merges the collections of one name (Options, Additional Fields, Filters, Update Fields) across
 * resources into as few properties as display options can state exactly, so RoutingNode resolves
 * their value once or a few times per pass instead of once per resource.
 */
export function shareCollectionsAcrossResources(
	properties: INodeProperties[],
	pairs: Set<string>,
	finalOf: Map<INodeProperties, INodeProperties>,
): void {
	const groups = new Map<string, INodeProperties[]>();
	for (const property of properties) {
		const show = showOf(property);
		if (property.type !== 'collection' || listOf(show, 'resource').length !== 1) continue;
		if (listOf(show, 'operation').length === 0) continue;
		const rest = without(property, ['displayOptions', 'options']);
		const key = JSON.stringify([rest, without(show, ['resource', 'operation']), hideOf(property)]);
		groups.set(key, [...(groups.get(key) ?? []), property]);
	}
	for (const group of groups.values()) {
		for (const bucket of withoutClashes(group)) {
			for (const rectangle of rectanglesFor(new Set(bucket.flatMap(pairsOf)), pairs)) {
				if (rectangle.resources.length < 2) continue;
				const declarations = bucket.filter((property) =>
					pairsOf(property).every((pair) => inRectangle(pair, rectangle)),
				);
				const merged = mergedCollection(declarations, rectangle);
				if (merged) for (const declaration of declarations) finalOf.set(declaration, merged);
			}
		}
	}
}
