import type { Definition, ObjectDefinition, StripeDefinitions } from './types';

function rewriteRefs(definition: Definition, renamed: Map<string, string>): Definition {
	switch (definition.type) {
		case 'ref': {
			const target = renamed.get(definition.ref);
			return target ? { ...definition, ref: target } : definition;
		}
		case 'array':
			return { ...definition, items: rewriteRefs(definition.items, renamed) };
		case 'anyOf':
			return {
				...definition,
				anyOf: definition.anyOf.map((option) => rewriteRefs(option, renamed)),
			};
		case 'object':
			return rewriteObjectRefs(definition, renamed);
		default:
			return definition;
	}
}

function rewriteObjectRefs(
	definition: ObjectDefinition,
	renamed: Map<string, string>,
): ObjectDefinition {
	const rewritten: ObjectDefinition = {
		...definition,
		properties: Object.fromEntries(
			Object.entries(definition.properties).map(([key, value]) => [
				key,
				rewriteRefs(value, renamed),
			]),
		),
	};
	if (definition.additional) rewritten.additional = rewriteRefs(definition.additional, renamed);
	return rewritten;
}

function sortedEntries<T>(record: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Stores each shape once: the SDK declares the same small interface under many names (every
 * capability's `{ requested }`, every address), so types with identical definitions are merged into
 * the first name in sort order and every ref follows. Repeats until no two types are alike, since
 * merging can make their users identical too.
 */
export function collapseIdenticalTypes(definitions: StripeDefinitions): StripeDefinitions {
	let types = sortedEntries(definitions.types);
	let endpoints = definitions.endpoints;
	let objects = definitions.objects;
	for (;;) {
		const firstNameOfShape = new Map<string, string>();
		const renamed = new Map<string, string>();
		for (const [name, definition] of Object.entries(types)) {
			const shape = JSON.stringify(definition);
			const first = firstNameOfShape.get(shape);
			if (first) renamed.set(name, first);
			else firstNameOfShape.set(shape, name);
		}
		if (renamed.size === 0) break;
		types = Object.fromEntries(
			Object.entries(types)
				.filter(([name]) => !renamed.has(name))
				.map(([name, definition]) => [name, rewriteObjectRefs(definition, renamed)]),
		);
		endpoints = endpoints.map((endpoint) => ({
			...endpoint,
			params: rewriteObjectRefs(endpoint.params, renamed),
		}));
		objects = Object.fromEntries(
			Object.entries(objects).map(([name, definition]) => [name, rewriteRefs(definition, renamed)]),
		);
	}
	return { ...definitions, endpoints, objects: sortedEntries(objects), types };
}

/**
 * Writes the definitions as JSON with one endpoint, object or type per line, so that the diff of
 * a Stripe release bump shows exactly which parameters and fields changed.
 */
export function serializeDefinitions(definitions: StripeDefinitions): string {
	const entries = (record: Record<string, unknown>) =>
		Object.entries(record)
			.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
			.join(',\n');
	return [
		'{',
		`"apiVersion":${JSON.stringify(definitions.apiVersion)},`,
		`"sdkVersion":${JSON.stringify(definitions.sdkVersion)},`,
		'"endpoints":[',
		definitions.endpoints.map((endpoint) => JSON.stringify(endpoint)).join(',\n'),
		'],',
		'"objects":{',
		entries(definitions.objects),
		'},',
		'"types":{',
		entries(definitions.types),
		'}',
		'}',
		'',
	].join('\n');
}
