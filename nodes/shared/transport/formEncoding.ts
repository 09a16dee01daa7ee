import type { IDataObject } from 'n8n-workflow';

type FormValue = IDataObject[keyof IDataObject];

/** Content type of Stripe's v1 request bodies. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Content type of Stripe's v2 request bodies. */
export const JSON_CONTENT_TYPE = 'application/json';

function appendPairs(pairs: string[], key: string, value: FormValue): void {
	if (value === undefined) return;
	if (value === null || value === '') {
		// Stripe reads an empty value as "unset this field" (and `metadata=` as "clear all metadata").
		pairs.push(`${key}=`);
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((entry, index) => appendPairs(pairs, `${key}[${index}]`, entry as FormValue));
		return;
	}
	if (typeof value === 'object') {
		for (const [childKey, childValue] of Object.entries(value)) {
			appendPairs(pairs, `${key}[${encodeURIComponent(childKey)}]`, childValue as FormValue);
		}
		return;
	}
	pairs.push(`${key}=${encodeURIComponent(String(value))}`);
}

/**
 * Encodes an object the way Stripe reads form bodies and query strings: nested objects as
 * `a[b]=c`, arrays with indices `a[0]=x` (as stripe-node sends them), `null`/`''` as an empty value
 * that unsets the field, `undefined` left out. Brackets stay literal; everything else is percent-encoded.
 */
export function encodeStripeForm(data: IDataObject): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(data)) {
		appendPairs(pairs, encodeURIComponent(key), value);
	}
	return pairs.join('&');
}

/**
 * Appends `query` to `url` in Stripe's bracket encoding (`created[gte]=1`, `expand[0]=data.source`).
 * Empty filters (`''`, null) are left out: in a query they would filter for an empty value.
 */
export function appendStripeQuery(url: string, query: IDataObject | undefined): string {
	const filled = Object.fromEntries(
		Object.entries(query ?? {}).filter(([, value]) => value !== '' && value !== null),
	) as IDataObject;
	const encoded = encodeStripeForm(filled);
	if (encoded === '') return url;
	return `${url}${url.includes('?') ? '&' : '?'}${encoded}`;
}

/** True for Stripe's v2 API (`/v2/…`), whose bodies are JSON rather than forms. */
export function isV2Path(path: string): boolean {
	return path.startsWith('/v2/');
}

/**
 * The wire form of a request body: v1 endpoints read Stripe's form encoding, v2 endpoints read JSON.
 * Both come from the same body object, so an operation never knows which encoding its API uses.
 */
export function encodeStripeBody(
	path: string,
	body: IDataObject,
): { contentType: string; text: string } {
	return isV2Path(path)
		? { contentType: JSON_CONTENT_TYPE, text: JSON.stringify(body) }
		: { contentType: FORM_CONTENT_TYPE, text: encodeStripeForm(body) };
}
