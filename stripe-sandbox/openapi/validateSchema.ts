import { RESPONSE_FIELDS_NEWER_THAN_SPEC } from './allowList';
import type { OpenApiSchema } from './spec';
import { loadStripeSpec } from './spec';

function refName(schema: OpenApiSchema): string | undefined {
	return schema.$ref?.replace('#/components/schemas/', '');
}

function typeMatches(value: unknown, type: OpenApiSchema['type']): boolean {
	switch (type) {
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'array':
			return Array.isArray(value);
		case 'integer':
			return Number.isInteger(value);
		case 'number':
			return typeof value === 'number';
		case 'boolean':
			return typeof value === 'boolean';
		case 'string':
			return typeof value === 'string';
		default:
			return true;
	}
}

function check(
	value: unknown,
	raw: OpenApiSchema,
	path: string,
	owner: string | undefined,
	problems: string[],
): void {
	let schema = raw;
	let name = owner;
	while (schema.$ref) {
		name = refName(schema);
		schema = loadStripeSpec().schemas[name as string];
		if (!schema) {
			problems.push(`${path}: schema ${name} is not in the spec`);
			return;
		}
	}
	if (value === null) {
		if (!schema.nullable) problems.push(`${path}: null but the spec does not allow null`);
		return;
	}
	if (schema.anyOf) {
		const attempts = schema.anyOf.map((option) => {
			const optionProblems: string[] = [];
			check(value, option, path, name, optionProblems);
			return optionProblems;
		});
		if (attempts.some((attempt) => attempt.length === 0)) return;
		problems.push(
			...attempts.reduce((best, attempt) => (attempt.length < best.length ? attempt : best)),
		);
		return;
	}
	if (schema.type && !typeMatches(value, schema.type)) {
		problems.push(`${path}: expected ${schema.type}, got ${JSON.stringify(value)}`);
		return;
	}
	if (schema.enum && !schema['x-stripeBypassValidation'] && !schema.enum.includes(value)) {
		problems.push(
			`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.map(String).join(', ')}`,
		);
	}
	if (schema.type === 'array' && schema.items) {
		(value as unknown[]).forEach((item, index) =>
			check(item, schema.items as OpenApiSchema, `${path}[${index}]`, name, problems),
		);
	}
	if (schema.type === 'object') {
		const object = value as Record<string, unknown>;
		const newer = (name && RESPONSE_FIELDS_NEWER_THAN_SPEC[name]) || [];
		for (const [key, child] of Object.entries(object)) {
			const property = schema.properties?.[key];
			if (property) check(child, property, `${path}.${key}`, name, problems);
			else if (typeof schema.additionalProperties === 'object')
				check(child, schema.additionalProperties, `${path}.${key}`, name, problems);
			else if (schema.properties && !schema.additionalProperties && !newer.includes(key)) {
				problems.push(
					`${path}.${key}: not in the spec's ${name ?? 'schema'} (add it to RESPONSE_FIELDS_NEWER_THAN_SPEC if Stripe added it later)`,
				);
			}
		}
		for (const required of schema.required ?? []) {
			if (!(required in object))
				problems.push(`${path}.${required}: required by the spec but missing`);
		}
	}
}

/**
 * Checks a response object against a component schema of Stripe's spec (`'payout'`, `'transfer'`…):
 * types, required fields, nullability, enums, anyOf, items and unknown fields (except the
 * allow-listed newer ones). Returns the problems found; an empty list means it conforms.
 */
export function validateAgainstSchema(value: unknown, schemaName: string): string[] {
	const problems: string[] = [];
	check(value, { $ref: `#/components/schemas/${schemaName}` }, schemaName, schemaName, problems);
	return problems;
}
