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

/**
 * A v2 request error about one field (dotted path, e.g. `identity.country`), for the rules the
 * pinned version's definitions cannot express; types, enums, required and unknown fields are
 * refused by the validator before a handler runs (see routing.ts).
 */
export function invalidField(field: string, message: string): Error {
	return invalidRequest(message, 'invalid_fields', field);
}

/**
 * A validated list parameter as a list without repeats: a JSON array, or from a query an indexed or
 * repeated key (an array) or a single key (one value); `[]` when absent.
 */
export function listParam<T extends string>(params: JsonObject | FormObject, field: string): T[] {
	const value = (params as JsonObject)[field];
	if (value === undefined) return [];
	return [...new Set((Array.isArray(value) ? value : [value]) as T[])];
}

/**
 * v2 metadata updates: a key set to `null` is removed (v1 uses the empty string). The definitions
 * (the SDK's `MetadataParam`) accept integers beside strings; the sandbox stores
 * them as strings, as v1 metadata is stored.
 */
export function mergeV2Metadata(
	current: Record<string, string> | undefined,
	update: unknown,
): Record<string, string> {
	const merged = { ...(current ?? {}) };
	if (update === undefined) return merged;
	for (const [key, value] of Object.entries(update as Record<string, string | number | null>)) {
		if (value === null) delete merged[key];
		else merged[key] = String(value);
	}
	return merged;
}
