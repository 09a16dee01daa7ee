import type { INodeProperties } from 'n8n-workflow';

/*
 * Display-option arithmetic for sharing properties between operations: which resource × operation
 * pairs a property is shown for, and the rectangles (listed resources × listed operations) that
 * display options can state. A property's own `hide` (a condition on another parameter, e.g.
 * Destination Account hidden for a direct charge) is never part of that arithmetic: every placement
 * and merge keeps it as it is (`displayedWhere`), and only properties that hide alike merge.
 */

export type Show = Record<string, unknown[]>;

/** A copy of `object` without `keys`. */
export function without<T extends object>(object: T, keys: string[]): Partial<T> {
	return Object.fromEntries(
		Object.entries(object).filter(([key]) => !keys.includes(key)),
	) as Partial<T>;
}

/** The `displayOptions.show` of a property. */
export function showOf(property: INodeProperties): Show {
	return (property.displayOptions?.show ?? {}) as Show;
}

/** The `displayOptions.hide` of a property, if it has one. */
export function hideOf(property: INodeProperties): Show | undefined {
	return property.displayOptions?.hide as Show | undefined;
}

/** Display options that show `property` where `show` says, keeping its own `hide`. */
export function displayedWhere(
	property: INodeProperties,
	show: Readonly<Record<string, unknown>>,
): INodeProperties['displayOptions'] {
	const hide = hideOf(property);
	return (hide ? { show, hide } : { show }) as INodeProperties['displayOptions'];
}

/** The values `show` lists for `key`. */
export function listOf(show: Show, key: string): string[] {
	return (show[key] ?? []) as string[];
}

/**
 * `items` in an order that keeps every sequence's order (a stable topological sort, ties by the
 * position in `items`); undefined when the sequences contradict each other.
 */
export function inOrder<T>(items: T[], sequences: T[][]): T[] | undefined {
	const after = new Map(items.map((item) => [item, new Set<T>()]));
	const waitingFor = new Map(items.map((item) => [item, 0]));
	for (const sequence of sequences) {
		for (let index = 1; index < sequence.length; index++) {
			const [from, to] = [sequence[index - 1], sequence[index]];
			if (from === to || after.get(from)?.has(to)) continue;
			after.get(from)?.add(to);
			waitingFor.set(to, (waitingFor.get(to) ?? 0) + 1);
		}
	}
	const position = new Map(items.map((item, index) => [item, index]));
	const ready = items.filter((item) => waitingFor.get(item) === 0);
	const ordered: T[] = [];
	while (ready.length > 0) {
		ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
		const next = ready.shift() as T;
		ordered.push(next);
		for (const successor of after.get(next) ?? []) {
			const left = (waitingFor.get(successor) ?? 0) - 1;
			waitingFor.set(successor, left);
			if (left === 0) ready.push(successor);
		}
	}
	return ordered.length === items.length ? ordered : undefined;
}

/** The resource × operation pairs a declared property is shown for. */
export function pairsOf(property: INodeProperties): string[] {
	const show = showOf(property);
	return listOf(show, 'resource').flatMap((resource) =>
		listOf(show, 'operation').map((operation) => `${resource}.${operation}`),
	);
}

/** Where display options show a property: every listed resource with every listed operation. */
export interface Rectangle {
	resources: string[];
	operations: string[];
}

/** Whether `pair` (`resource.operation`) lies in the rectangle. */
export function inRectangle(pair: string, { resources, operations }: Rectangle): boolean {
	const [resource, operation] = pair.split('.');
	return resources.includes(resource) && operations.includes(operation);
}

/**
 * Rectangles that together cover exactly the `wanted` pairs among the `existing` ones: the bounding
 * rectangle when it covers no other existing pair, else one per set of resources that want the same
 * operations.
 */
export function rectanglesFor(wanted: Set<string>, existing: Set<string>): Rectangle[] {
	const split = [...wanted].map((pair) => pair.split('.'));
	const resources = [...new Set(split.map(([resource]) => resource))];
	const operations = [...new Set(split.map(([, operation]) => operation))];
	const bounding = { resources, operations };
	const exact = [...existing].every((pair) => wanted.has(pair) || !inRectangle(pair, bounding));
	if (exact) return [bounding];
	const byOperations = new Map<string, Rectangle>();
	for (const resource of resources) {
		const wantedHere = operations.filter((operation) => wanted.has(`${resource}.${operation}`));
		const key = JSON.stringify(wantedHere);
		const rectangle = byOperations.get(key) ?? { resources: [], operations: wantedHere };
		rectangle.resources.push(resource);
		byOperations.set(key, rectangle);
	}
	return [...byOperations.values()];
}
