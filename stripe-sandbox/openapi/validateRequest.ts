import {
	invalidRequest,
	missingParam,
	StripeApiError,
	unknownParam,
	unrecognizedUrl,
} from '../errors';
import type { FormObject, FormValue } from '../formCodec';
import { ENUM_VALUES_NEWER_THAN_SPEC, REQUEST_PARAMETERS_NEWER_THAN_SPEC } from './allowList';
import type { OpenApiSchema, SpecOperation } from './spec';
import { matchSpecOperation, resolveSchema } from './spec';

/** A decoded parameter value after validation: strings became numbers and booleans where the spec says so. */
export type ParamValue = string | number | boolean | ParamValue[] | { [key: string]: ParamValue };
export type Params = { [key: string]: ParamValue };

/** The outcome of validating a request against the spec. */
export interface ValidatedRequest {
	template: string;
	pathParams: Record<string, string>;
	params: Params;
}

function childName(parent: string, key: string | number): string {
	return parent ? `${parent}[${key}]` : String(key);
}

function shapeOf(value: FormValue): 'string' | 'array' | 'object' {
	if (typeof value === 'string') return 'string';
	return Array.isArray(value) ? 'array' : 'object';
}

function schemaShape(schema: OpenApiSchema): 'string' | 'array' | 'object' {
	if (schema.type === 'object') return 'object';
	if (schema.type === 'array') return 'array';
	return 'string';
}

function listEnum(values: unknown[]): string {
	const text = values.map(String);
	return text.length <= 1 ? text.join('') : `${text.slice(0, -1).join(', ')}, or ${text.at(-1)}`;
}

function isNewerEnumValue(name: string, value: string, schema: OpenApiSchema): boolean {
	if (!schema['x-stripeBypassValidation']) return false;
	const allowed = ENUM_VALUES_NEWER_THAN_SPEC[name.split('[')[0]] ?? [];
	return allowed.some((entry) => (typeof entry === 'string' ? entry === value : entry.test(value)));
}

function validateObject(value: FormObject, schema: OpenApiSchema, name: string): Params {
	const result: Params = {};
	for (const [key, child] of Object.entries(value)) {
		const property = schema.properties?.[key];
		const childParam = childName(name, key);
		if (property) {
			result[key] = validateValue(child, property, childParam);
		} else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
			result[key] = validateValue(child, schema.additionalProperties, childParam);
		} else if (
			schema.additionalProperties === true ||
			(!schema.properties && !schema.additionalProperties)
		) {
			result[key] = child as ParamValue;
		} else {
			throw unknownParam(childParam);
		}
	}
	for (const required of schema.required ?? []) {
		if (!(required in value)) throw missingParam(childName(name, required));
	}
	return result;
}

/** Validates one decoded form value against a spec schema and converts it to its JSON type. */
export function validateValue(
	value: FormValue,
	rawSchema: OpenApiSchema,
	name: string,
): ParamValue {
	const schema = resolveSchema(rawSchema);
	if (schema.anyOf) {
		if (value === '' && schema.anyOf.some((option) => resolveSchema(option).enum?.includes(''))) {
			return '';
		}
		let closest: StripeApiError | undefined;
		for (const option of schema.anyOf) {
			try {
				return validateValue(value, option, name);
			} catch (error) {
				if (!(error instanceof StripeApiError)) throw error;
				const resolved = resolveSchema(option);
				if (!closest || schemaShape(resolved) === shapeOf(value)) closest = error;
			}
		}
		throw closest ?? invalidRequest(`Invalid value for ${name}.`, undefined, name);
	}
	switch (schema.type) {
		case 'object':
			// An empty value unsets an object parameter (`metadata=` clears all metadata).
			if (value === '') return '';
			if (shapeOf(value) !== 'object') throw invalidRequest(`Invalid object`, undefined, name);
			return validateObject(value as FormObject, schema, name);
		case 'array': {
			if (value === '') return '';
			if (shapeOf(value) !== 'array') throw invalidRequest(`Invalid array`, undefined, name);
			const items = schema.items ?? {};
			return (value as FormValue[]).map((item, index) =>
				validateValue(item, items, childName(name, index)),
			);
		}
		case 'integer':
			if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
				throw invalidRequest(
					`Invalid integer: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
					'parameter_invalid_integer',
					name,
				);
			}
			return Number(value);
		case 'number':
			if (typeof value !== 'string' || value === '' || !Number.isFinite(Number(value))) {
				throw invalidRequest(`Invalid decimal: ${String(value)}`, undefined, name);
			}
			return Number(value);
		case 'boolean':
			if (value !== 'true' && value !== 'false') {
				throw invalidRequest(`Invalid boolean: ${String(value)}`, undefined, name);
			}
			return value === 'true';
		default: {
			if (typeof value !== 'string') {
				throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, undefined, name);
			}
			if (schema.enum && !schema.enum.includes(value) && !isNewerEnumValue(name, value, schema)) {
				throw invalidRequest(
					`Invalid ${name}: must be one of ${listEnum(schema.enum)}`,
					undefined,
					name,
				);
			}
			if (schema.maxLength !== undefined && value.length > schema.maxLength) {
				throw invalidRequest(
					`Invalid string: ${value.slice(0, 20)}...; must be at most ${schema.maxLength} characters`,
					undefined,
					name,
				);
			}
			return value;
		}
	}
}

function withAllowList(operation: SpecOperation): OpenApiSchema {
	const extra = REQUEST_PARAMETERS_NEWER_THAN_SPEC[`${operation.method} ${operation.template}`];
	if (operation.method === 'POST' && operation.bodySchema) {
		const body = resolveSchema(operation.bodySchema);
		return extra ? { ...body, properties: { ...body.properties, ...extra } } : body;
	}
	const properties: Record<string, OpenApiSchema> = { ...extra };
	const required: string[] = [];
	for (const parameter of operation.queryParameters) {
		properties[parameter.name] = parameter.schema;
		if (parameter.required) required.push(parameter.name);
	}
	return { type: 'object', properties, required, additionalProperties: false };
}

/**
 * Checks a request against Stripe's 2024-04-10 spec (plus the allow-list of newer fields): the
 * path and method must exist, every parameter must be known and well-typed, required ones present.
 * Throws the StripeApiError Stripe would answer; returns the typed parameters otherwise.
 */
export function validateStripeRequest(
	method: string,
	path: string,
	params: FormObject,
): ValidatedRequest {
	const match = matchSpecOperation(method, path);
	if (!match) throw unrecognizedUrl(method.toUpperCase(), path);
	const schema = withAllowList(match.operation);
	const body = params ?? {};
	const typed = validateObject(body, { ...schema, additionalProperties: false }, '');
	return { template: match.operation.template, pathParams: match.pathParams, params: typed };
}
