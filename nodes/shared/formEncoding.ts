import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

type FormValue = IDataObject[keyof IDataObject];

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

function encodeComponent(text: string): string {
	return encodeURIComponent(text);
}

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
			appendPairs(pairs, `${key}[${encodeComponent(childKey)}]`, childValue as FormValue);
		}
		return;
	}
	pairs.push(`${key}=${encodeComponent(String(value))}`);
}

/**
 * Encodes an object the way Stripe reads form bodies and query strings: nested objects as
 * `a[b]=c`, arrays with indices `a[0]=x` (as stripe-node sends them), `null`/`''` as an empty value
 * that unsets the field, `undefined` left out. Brackets stay literal; everything else is percent-encoded.
 */
export function encodeStripeForm(data: IDataObject): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(data)) {
		appendPairs(pairs, encodeComponent(key), value);
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

/**
 * Pure core of the form preSend: turns the object body of a POST into a Stripe form string with its
 * Content-Type, so what goes on the wire is exactly what we encoded (not whatever the HTTP client's
 * serializer makes of nested objects). GET and DELETE keep no body; their query object is encoded into
 * the URL by the request hook, which also pages through lists.
 */
export function toStripeWireRequest(requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const method = (requestOptions.method ?? 'GET').toUpperCase();
	const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
	const wire: IHttpRequestOptions = { ...requestOptions, headers };
	if (method === 'POST') {
		const body = requestOptions.body;
		wire.body = typeof body === 'string' ? body : encodeStripeForm((body ?? {}) as IDataObject);
		headers['Content-Type'] = FORM_CONTENT_TYPE;
	} else {
		delete wire.body;
	}
	return wire;
}

/** preSend: encode the request for Stripe (runs last, after every field has written its value). */
export async function encodeStripeFormBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return toStripeWireRequest(requestOptions);
}
