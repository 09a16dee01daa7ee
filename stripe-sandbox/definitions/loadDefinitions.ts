import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Definition, ObjectDefinition, StripeDefinitions } from './types';

/** The generated definitions, committed next to this file (`npm run sandbox:definitions` rewrites it). */
export const DEFINITIONS_FILE = fileURLToPath(new URL('stripe-definitions.json', import.meta.url));

let loaded: StripeDefinitions | undefined;

/** The definitions of the pinned API version, read once per process. */
export function stripeDefinitions(): StripeDefinitions {
	loaded ??= JSON.parse(readFileSync(DEFINITIONS_FILE, 'utf8')) as StripeDefinitions;
	return loaded;
}

/** The Stripe API version the definitions describe (the one `stripe` pins), e.g. `2026-10-28.endive`. */
export const DEFINITIONS_API_VERSION = stripeDefinitions().apiVersion;

/** The `stripe` SDK version the definitions were generated from, e.g. `23.1.0`. */
export const DEFINITIONS_SDK_VERSION = stripeDefinitions().sdkVersion;

/** Follows a `ref` to the named type; what the ref itself says (nullable, deprecated) is kept. */
export function resolveDefinition(definition: Definition): Definition {
	if (definition.type !== 'ref') return definition;
	const target = stripeDefinitions().types[definition.ref];
	if (!target) throw new Error(`The Stripe definitions have no type ${definition.ref}`);
	const flags = {
		...(definition.nullable ? { nullable: true as const } : {}),
		...(definition.deprecated ? { deprecated: true as const } : {}),
	};
	return Object.keys(flags).length > 0 ? { ...target, ...flags } : target;
}

/**
 * The object definition of a response object or one of its nested fields:
 * `objectDefinition('dispute', 'evidence')` describes a dispute's evidence.
 */
export function objectDefinition(objectName: string, ...fieldPath: string[]): ObjectDefinition {
	const root = stripeDefinitions().objects[objectName];
	if (!root) throw new Error(`The Stripe definitions have no object ${objectName}`);
	let current = resolveDefinition(root);
	for (const field of fieldPath) {
		const child = current.type === 'object' ? current.properties[field] : undefined;
		if (!child)
			throw new Error(`The Stripe object ${objectName} has no field ${fieldPath.join('.')}`);
		current = resolveDefinition(child);
	}
	if (current.type !== 'object') {
		throw new Error(
			`${[objectName, ...fieldPath].join('.')} is no object in the Stripe definitions`,
		);
	}
	return current;
}
