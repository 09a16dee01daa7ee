import type { Definition, ObjectDefinition, StripeDefinitions } from './types';

/** Every named type a definition reaches, following refs. */
function reachableTypes(roots: Definition[], types: Record<string, ObjectDefinition>): Set<string> {
	const seen = new Set<string>();
	const visit = (definition: Definition): void => {
		switch (definition.type) {
			case 'ref':
				if (seen.has(definition.ref)) return;
				seen.add(definition.ref);
				visit(types[definition.ref]);
				return;
			case 'array':
				visit(definition.items);
				return;
			case 'anyOf':
				definition.anyOf.forEach(visit);
				return;
			case 'object':
				Object.values(definition.properties).forEach(visit);
				if (definition.additional) visit(definition.additional);
				return;
			default:
		}
	};
	roots.forEach(visit);
	return seen;
}

/** Whether the object (or one of its inline objects) has an optional field. */
function hasOptionalFields(definition: ObjectDefinition): boolean {
	const required = new Set(definition.required ?? []);
	return Object.entries(definition.properties).some(
		([key, property]) =>
			!required.has(key) || (property.type === 'object' && hasOptionalFields(property)),
	);
}

/** The object with every optional field (and those of its inline objects) nullable. */
function optionalFieldsNullable(definition: ObjectDefinition): ObjectDefinition {
	const required = new Set(definition.required ?? []);
	const properties = Object.fromEntries(
		Object.entries(definition.properties).map(([key, property]) => {
			const inner = property.type === 'object' ? optionalFieldsNullable(property) : property;
			return [key, required.has(key) ? inner : { ...inner, nullable: true as const }];
		}),
	);
	return { ...definition, properties };
}

/**
 * stripe-node writes the nullable fields of API v2 response objects as optional (`contact_phone?:
 * string`, `configuration?: Account.Configuration`) where its v1 types say `| null`, while
 * Stripe's API reference marks those fields nullable and documents v2 responses carrying `null`
 * (include-dependent values are null unless `include` names them). So in the types that only v2
 * objects use, an optional field may also be null; required fields stay non-null. Types that
 * request parameters or v1 objects also use keep their meaning, and the generator fails if a v2
 * object shares one that has optional fields, so that case gets a decision when an SDK upgrade
 * brings it.
 */
export function v2OptionalFieldsNullable(definitions: StripeDefinitions): StripeDefinitions {
	const { types, objects, endpoints } = definitions;
	const v2Objects = Object.entries(objects).filter(([name]) => name.startsWith('v2.'));
	const v2Types = reachableTypes(
		v2Objects.map(([, definition]) => definition),
		types,
	);
	const elsewhere = reachableTypes(
		[
			...Object.entries(objects)
				.filter(([name]) => !name.startsWith('v2.'))
				.map(([, definition]) => definition),
			...endpoints.map((endpoint) => endpoint.params),
		],
		types,
	);
	// A shared type whose fields are all required (`V2Amount`) means the same everywhere.
	const shared = [...v2Types].filter(
		(name) => elsewhere.has(name) && hasOptionalFields(types[name]),
	);
	if (shared.length > 0) {
		throw new Error(`v2 objects share types with v1 objects or parameters: ${shared.join(', ')}`);
	}
	return {
		...definitions,
		types: Object.fromEntries(
			Object.entries(types).map(([name, definition]) => [
				name,
				v2Types.has(name) && !elsewhere.has(name) ? optionalFieldsNullable(definition) : definition,
			]),
		),
	};
}
