import { NodeApiError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { DEFAULT_STRIPE_BASE_URL } from '../shared/stripeApi';

/** A value Stripe's form encoding can carry: scalars, arrays and nested objects. */
export type FormValue = string | number | boolean | null | undefined | FormValue[] | FormObject;
export interface FormObject {
	[key: string]: FormValue;
}

/**
 * Encodes a body the way Stripe expects (`metadata[k]=v`, `enabled_events[0]=a`); undefined is left
 * out and null becomes an empty value, which unsets a field. Kept private to the trigger until
 * `nodes/shared` offers one encoder for both nodes.
 */
export function encodeStripeForm(body: FormObject): string {
	const pairs: string[] = [];
	// Brackets stay readable in keys, as the stripe SDK sends them; everything else is escaped.
	const encodeKey = (key: string): string =>
		encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
	const add = (key: string, value: FormValue): void => {
		if (value === undefined) return;
		if (value === null) {
			pairs.push(`${encodeKey(key)}=`);
		} else if (Array.isArray(value)) {
			value.forEach((entry, index) => add(`${key}[${index}]`, entry));
		} else if (typeof value === 'object') {
			for (const [childKey, childValue] of Object.entries(value)) {
				add(`${key}[${childKey}]`, childValue);
			}
		} else {
			pairs.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`);
		}
	};
	for (const [key, value] of Object.entries(body)) add(key, value);
	return pairs.join('&');
}

export interface StripeCall {
	method: IHttpRequestMethods;
	path: string;
	form?: FormObject;
	query?: IDataObject;
	/** Acts as this connected account (`Stripe-Account`). */
	stripeAccount?: string;
}

export interface StripeResponse<T> {
	statusCode: number;
	body: T;
}

interface StripeErrorBody {
	error?: { message?: string; code?: string; param?: string; doc_url?: string; type?: string };
}

type StripeCallContext = IHookFunctions | IWebhookFunctions;

/** The credential's API base without a trailing slash (the sandbox in tests, Stripe otherwise). */
export async function stripeBaseUrl(context: StripeCallContext): Promise<string> {
	const credentials = await context.getCredentials('stripeConnectApi');
	const configured = String(credentials.baseUrl ?? '').trim();
	return (configured === '' ? DEFAULT_STRIPE_BASE_URL : configured).replace(/\/+$/, '');
}

/** The API version pinned by the credential, or undefined to use the account default. */
export async function credentialApiVersion(
	context: StripeCallContext,
): Promise<string | undefined> {
	const credentials = await context.getCredentials('stripeConnectApi');
	const version = String(credentials.apiVersion ?? '').trim();
	return version === '' ? undefined : version;
}

/**
 * Sends one request to Stripe with the credential's authentication and returns the status and
 * body. A 404 is returned to the caller (it often means "already gone"); every other non-2xx status
 * becomes a NodeApiError carrying Stripe's message, code, param, doc_url and request id.
 */
export async function stripeRequest<T>(
	context: StripeCallContext,
	call: StripeCall,
): Promise<StripeResponse<T>> {
	const headers: IDataObject = { Accept: 'application/json' };
	if (call.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
	if (call.stripeAccount !== undefined) headers['Stripe-Account'] = call.stripeAccount;
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		'stripeConnectApi',
		{
			method: call.method,
			url: `${await stripeBaseUrl(context)}${call.path}`,
			headers,
			qs: call.query,
			body: call.form === undefined ? undefined : encodeStripeForm(call.form),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
	)) as { statusCode: number; headers: IDataObject; body: unknown };

	if (response.statusCode < 400 || response.statusCode === 404) {
		return { statusCode: response.statusCode, body: response.body as T };
	}
	const stripeError = (response.body as StripeErrorBody | undefined)?.error ?? {};
	const requestId = response.headers?.['request-id'];
	const details = [
		stripeError.code && `code ${stripeError.code}`,
		stripeError.param && `parameter ${stripeError.param}`,
		stripeError.doc_url,
		requestId && `request ${String(requestId)}`,
	].filter(Boolean);
	throw new NodeApiError(context.getNode(), (response.body ?? {}) as JsonObject, {
		message: `Stripe ${call.method} ${call.path} failed (${response.statusCode}): ${
			stripeError.message ?? 'no error message'
		}`,
		description: details.join(' · '),
		httpCode: String(response.statusCode),
	});
}
