import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IWebhookFunctions,
} from 'n8n-workflow';

import { appendStripeQuery, encodeStripeForm } from '../shared/formEncoding';
import { DEFAULT_STRIPE_BASE_URL, pinnedApiVersion } from '../shared/stripeApi';
import { readStripeError, stripeApiError } from '../shared/stripeErrors';
import { isStripeId, quoteForLog } from './stripeIds';

/** One request the trigger makes (webhook endpoint lifecycle, latest-object fetch). */
export interface StripeCall {
	method: IHttpRequestMethods;
	path: string;
	form?: IDataObject;
	query?: IDataObject;
	/** Acts as this connected account (`Stripe-Account`). */
	stripeAccount?: string;
	/** Stripe's `Idempotency-Key` (POST only): the first result is replayed for the same key. */
	idempotencyKey?: string;
	/** Statuses handed back to the caller instead of raised as errors (default: 404 alone). */
	returnedStatuses?: number[];
}

export interface StripeResponse<T> {
	statusCode: number;
	body: T;
	/** Response headers, names in lowercase. */
	headers: IDataObject;
}

type StripeCallContext = IHookFunctions | IWebhookFunctions;

/**
 * The trigger's only user field a Stripe `param` can point at; every other parameter it sends is
 * derived by the trigger itself, so no field could fix it.
 */
const TRIGGER_PARAM_FIELDS: Record<string, string> = { enabled_events: 'Trigger On' };

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
	return pinnedApiVersion(await context.getCredentials('stripeConnectApi'));
}

/**
 * Sends one request to Stripe with the credential's authentication and returns the status, body and
 * headers. A 404 (it often means "already gone") and any of `returnedStatuses` are returned to the
 * caller; every other non-2xx status goes through the shared error mapping, with the failed call
 * named in the message. This is the only place the trigger calls Stripe.
 */
export async function stripeRequest<T>(
	context: StripeCallContext,
	call: StripeCall,
): Promise<StripeResponse<T>> {
	const headers: IDataObject = { Accept: 'application/json' };
	if (call.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
	if (call.stripeAccount !== undefined) {
		// The account comes from a delivery's body; a header must never carry what is not an ID.
		if (!isStripeId(call.stripeAccount, 'acct_')) {
			throw new NodeOperationError(
				context.getNode(),
				`Refused to send Stripe-Account ${quoteForLog(call.stripeAccount)}: it is not a Stripe account id.`,
			);
		}
		headers['Stripe-Account'] = call.stripeAccount;
	}
	if (call.idempotencyKey !== undefined) headers['Idempotency-Key'] = call.idempotencyKey;
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		'stripeConnectApi',
		{
			method: call.method,
			url: appendStripeQuery(`${await stripeBaseUrl(context)}${call.path}`, call.query),
			headers,
			body: call.form === undefined ? undefined : encodeStripeForm(call.form),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
	)) as { statusCode: number; headers: IDataObject; body: unknown };

	const returned = call.returnedStatuses ?? [404];
	if (response.statusCode < 400 || returned.includes(response.statusCode)) {
		return {
			statusCode: response.statusCode,
			body: response.body as T,
			headers: response.headers ?? {},
		};
	}
	const details = readStripeError(response.statusCode, response.body, response.headers);
	throw stripeApiError(
		context.getNode(),
		{
			...details,
			message: `Stripe ${call.method} ${call.path} failed (${response.statusCode}): ${details.message}`,
		},
		undefined,
		TRIGGER_PARAM_FIELDS,
	);
}
