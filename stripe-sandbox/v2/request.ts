import { invalidRequest } from '../errors';
import type { FormObject } from '../formCodec';
import { decodeStripeForm } from '../formCodec';

/** A parsed JSON object as v2 requests carry it. */
export type JsonObject = Record<string, unknown>;

/** True for paths of Stripe's v2 namespace, which speaks JSON and has its own errors and paging. */
export function isV2Path(path: string): boolean {
	return path.startsWith('/v2/');
}

/** The JSON body of a v2 request (`{}` when empty); anything but a JSON object is a 400. */
export function parseV2Body(rawBody: string): JsonObject {
	if (rawBody.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody);
	} catch {
		throw invalidRequest(
			'Invalid JSON body. API v2 requests send `Content-Type: application/json` with a JSON object body.',
			'invalid_json',
		);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidRequest('The request body must be a JSON object.', 'invalid_json');
	}
	return parsed as JsonObject;
}

/**
 * The query of a v2 GET or DELETE. The SDK sends arrays indexed (`include[0]=identity`); plain
 * repeats (`include=identity&include=requirements`) are read as arrays too.
 */
export function decodeV2Query(rawQuery: string): FormObject {
	const counts = new Map<string, number>();
	for (const pair of rawQuery.split('&')) {
		const key = pair.split('=', 1)[0];
		if (key && !key.includes('[') && !key.includes('%5B'))
			counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const normalised = rawQuery
		.split('&')
		.map((pair) => {
			const key = pair.split('=', 1)[0];
			return (counts.get(key) ?? 0) > 1 ? `${key}[]${pair.slice(key.length)}` : pair;
		})
		.join('&');
	return decodeStripeForm(normalised);
}

/** A parameter error named the way v2 names fields (dotted paths, e.g. `identity.country`). */
export function invalidField(field: string, message: string): Error {
	return invalidRequest(message, 'invalid_fields', field);
}

/** Fails closed on fields the endpoint does not take, naming the first one. */
export function refuseUnknownFields(
	params: JsonObject,
	known: readonly string[],
	prefix = '',
): void {
	for (const key of Object.keys(params)) {
		if (!known.includes(key)) {
			throw invalidField(
				`${prefix}${key}`,
				`Received unknown parameter: ${prefix}${key}. This endpoint takes ${known.join(', ')}.`,
			);
		}
	}
}

/** An optional string field; `undefined` when absent, a 400 naming it for anything but a string. */
export function optionalString(params: JsonObject, field: string, prefix = ''): string | undefined {
	const value = params[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') {
		throw invalidField(`${prefix}${field}`, `Invalid ${prefix}${field}: expected a string.`);
	}
	return value;
}

/** A required string field. */
export function requiredString(params: JsonObject, field: string, prefix = ''): string {
	const value = optionalString(params, field, prefix);
	if (value === undefined || value === '') {
		throw invalidField(`${prefix}${field}`, `Missing required param: ${prefix}${field}.`);
	}
	return value;
}

/** An optional value from a closed list; anything else is a 400 listing the allowed values. */
export function optionalEnum<T extends string>(
	params: JsonObject,
	field: string,
	allowed: readonly T[],
	prefix = '',
): T | undefined {
	const value = optionalString(params, field, prefix);
	if (value === undefined) return undefined;
	if (!allowed.includes(value as T)) {
		throw invalidField(
			`${prefix}${field}`,
			`Invalid ${prefix}${field}: must be one of ${allowed.join(', ')} (got "${value}").`,
		);
	}
	return value as T;
}

/** An optional nested object field. */
export function optionalObject(
	params: JsonObject,
	field: string,
	prefix = '',
): JsonObject | undefined {
	const value = params[field];
	if (value === undefined) return undefined;
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidField(`${prefix}${field}`, `Invalid ${prefix}${field}: expected an object.`);
	}
	return value as JsonObject;
}

/** An optional array of values from a closed list (duplicates collapse). */
export function optionalEnumArray<T extends string>(
	params: JsonObject | FormObject,
	field: string,
	allowed: readonly T[],
): T[] | undefined {
	const value = (params as JsonObject)[field];
	if (value === undefined) return undefined;
	const items = Array.isArray(value) ? value : [value];
	for (const item of items) {
		if (typeof item !== 'string' || !allowed.includes(item as T)) {
			throw invalidField(
				field,
				`Invalid ${field}: each value must be one of ${allowed.join(', ')} (got "${String(item)}").`,
			);
		}
	}
	return [...new Set(items as T[])];
}

/** An optional boolean field (JSON `true`/`false`, or the strings in a query). */
export function optionalBoolean(
	params: JsonObject | FormObject,
	field: string,
	prefix = '',
): boolean | undefined {
	const value = (params as JsonObject)[field];
	if (value === undefined) return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw invalidField(`${prefix}${field}`, `Invalid ${prefix}${field}: expected true or false.`);
}

/**
 * v2 metadata updates: a key set to `null` is removed (v1 uses the empty string); values must be
 * strings.
 */
export function mergeV2Metadata(
	current: Record<string, string> | undefined,
	update: unknown,
	field = 'metadata',
): Record<string, string> {
	const merged = { ...(current ?? {}) };
	if (update === undefined) return merged;
	if (!update || typeof update !== 'object' || Array.isArray(update)) {
		throw invalidField(field, `Invalid ${field}: expected an object of string values.`);
	}
	for (const [key, value] of Object.entries(update)) {
		if (value === null) delete merged[key];
		else if (typeof value === 'string') merged[key] = value;
		else
			throw invalidField(`${field}.${key}`, `Invalid ${field}.${key}: expected a string or null.`);
	}
	return merged;
}
