import { resolveDefinition, stripeDefinitions } from '../definitions/loadDefinitions';
import type { AnyOfDefinition, Definition } from '../definitions/types';

function typeMatches(value: unknown, definition: Definition): boolean {
	switch (definition.type) {
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'array':
			return Array.isArray(value);
		// The SDK types integers and decimals alike as `number`; responses are checked for a number.
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'string':
		case 'decimal':
		case 'int64':
			return typeof value === 'string';
		default:
			return true;
	}
}

const discriminators = new WeakMap<
	AnyOfDefinition,
	{ field: string; byValue: Map<string, Definition> } | null
>();

/**
 * A field that tells the options of a union apart: every option is an object whose field holds one
 * fixed string (the 250 event types by `type`). Found once per union.
 */
function discriminatorOf(definition: AnyOfDefinition) {
	if (discriminators.has(definition)) return discriminators.get(definition);
	const objects = definition.anyOf.map(resolveDefinition);
	let found: { field: string; byValue: Map<string, Definition> } | null = null;
	const first = objects[0];
	if (
		objects.length > 2 &&
		objects.every((option) => option.type === 'object') &&
		first.type === 'object'
	) {
		for (const field of Object.keys(first.properties)) {
			const byValue = new Map<string, Definition>();
			const fixed = objects.every((option, index) => {
				const property =
					option.type === 'object'
						? resolveDefinition(option.properties[field] ?? { type: 'any' })
						: undefined;
				if (property?.type !== 'string' || property.enum?.length !== 1) return false;
				byValue.set(property.enum[0], definition.anyOf[index]);
				return true;
			});
			if (fixed && byValue.size === objects.length) {
				found = { field, byValue };
				break;
			}
		}
	}
	discriminators.set(definition, found);
	return found;
}

function check(value: unknown, raw: Definition, path: string, problems: string[]): void {
	const definition = resolveDefinition(raw);
	if (value === null) {
		if (!definition.nullable)
			problems.push(`${path}: null, but the SDK's type does not allow null`);
		return;
	}
	if (definition.type === 'any') return;
	if (definition.type === 'anyOf') {
		const discriminator = discriminatorOf(definition);
		const chosen =
			discriminator && typeof value === 'object'
				? discriminator.byValue.get(String((value as Record<string, unknown>)[discriminator.field]))
				: undefined;
		const options = chosen ? [chosen] : definition.anyOf;
		const attempts = options.map((option) => {
			const optionProblems: string[] = [];
			check(value, option, path, optionProblems);
			return optionProblems;
		});
		if (attempts.some((attempt) => attempt.length === 0)) return;
		problems.push(
			...attempts.reduce((best, attempt) => (attempt.length < best.length ? attempt : best)),
		);
		return;
	}
	if (!typeMatches(value, definition)) {
		problems.push(`${path}: expected ${definition.type}, got ${JSON.stringify(value)}`);
		return;
	}
	if (
		definition.type === 'string' &&
		definition.enum &&
		!definition.enum.includes(value as string)
	) {
		problems.push(`${path}: ${JSON.stringify(value)} is not one of ${definition.enum.join(', ')}`);
	}
	if (definition.type === 'array') {
		(value as unknown[]).forEach((item, index) =>
			check(item, definition.items, `${path}[${index}]`, problems),
		);
	}
	if (definition.type === 'object') {
		const object = value as Record<string, unknown>;
		for (const [key, child] of Object.entries(object)) {
			const property = definition.properties[key] ?? definition.additional;
			if (property) check(child, property, `${path}.${key}`, problems);
			else problems.push(`${path}.${key}: not a field of this object in the SDK's types`);
		}
		for (const key of definition.required ?? []) {
			if (!(key in object))
				problems.push(`${path}.${key}: required by the SDK's types but missing`);
		}
	}
}

/**
 * Checks an object the sandbox returns against the pinned version's definition of it (from the
 * SDK's object interfaces): types, required fields, nullability, enums, unions, list items and
 * fields the object does not have. `objectName` is the object's `object` value (`'payout'`, or
 * `'deleted_account'` for a deletion). Returns the problems found; an empty list means it conforms.
 */
export function validateStripeObject(value: unknown, objectName: string): string[] {
	const definition = stripeDefinitions().objects[objectName];
	if (!definition) return [`${objectName}: no such object in the Stripe definitions`];
	const problems: string[] = [];
	check(value, definition, objectName, problems);
	return problems;
}
