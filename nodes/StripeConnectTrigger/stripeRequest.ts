import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IWebhookFunctions,
} from 'n8n-workflow';

import { appendStripeQuery, encodeStripeForm } from '../shared/transport/formEncoding';
import { DEFAULT_STRIPE_BASE_URL, pinnedApiVersion } from '../shared/stripeApi';
import { readStripeError, stripeApiError } from '../shared/transport/stripeErrors';
import { isStripeContext, isStripeId, quoteForLog } from './stripeIds';

/**
 * One request the trigger makes (endpoint and destination lifecycle, claims, the fetches before a
 * start). v1 requests send a `form`, v2 requests a `json` body; both read and write Stripe's JSON.
 */
export interface StripeCall {
	method: IHttpRequestMethods;
	path: string;
	/** A v1 body, form-encoded the way Stripe reads it. */
	form?: IDataObject;
	/** A v2 body, sent as JSON. */
	json?: IDataObject;
	query?: IDataObject;
	/** Acts as this connected account (`Stripe-Account`). */
	stripeAccount?: string;
	/** Acts in this context (`Stripe-Context`), as the SDK fetches a thin event and its object. */
	stripeContext?: string;
	/** The event a fetch is made for (`Stripe-Request-Trigger: event=<id>`, as the SDK sends it). */
	triggeringEvent?: string;
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
const TRIGGER_PARAM_FIELDS: Record<string, string> = {
	enabled_events: 'Trigger On',
	events_from: 'Source',
	event_payload: 'Event Payload',
};

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
	const baseUrl = await stripeBaseUrl(context);
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		'stripeConnectApi',
		{
			method: call.method,
			url: appendStripeQuery(`${baseUrl}${call.path}`, call.query),
			headers: headersFor(context, call),
			body: bodyOf(call),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Stripe never redirects API calls; following one would carry the key to another host.
			disableFollowRedirect: true,
		},
	)) as { statusCode: number; headers: IDataObject; body: unknown };

	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw new NodeOperationError(
			context.getNode(),
			`Stripe ${call.method} ${call.path} was answered with a redirect (${response.statusCode}), which Stripe never sends; nothing was followed.`,
			{
				description: `Check the Base URL of the Stripe Connect API credential (${baseUrl}): it must be Stripe's API (${DEFAULT_STRIPE_BASE_URL}) or a server that speaks its protocol.`,
			},
		);
	}
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

function bodyOf(call: StripeCall): string | undefined {
	if (call.json !== undefined) return JSON.stringify(call.json);
	return call.form === undefined ? undefined : encodeStripeForm(call.form);
}

/**
 * The request's headers. The account and context come from a delivery's body: a header must never
 * carry what is not an id (a CR/LF would fold another header in), so both are checked here, where
 * every request passes, and refused rather than sent.
 */
function headersFor(context: StripeCallContext, call: StripeCall): IDataObject {
	const headers: IDataObject = { Accept: 'application/json' };
	if (call.json !== undefined) headers['Content-Type'] = 'application/json';
	else if (call.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
	const refuse = (header: string, value: unknown, what: string) =>
		new NodeOperationError(
			context.getNode(),
			`Refused to send ${header} ${quoteForLog(value)}: it is not ${what}.`,
		);
	if (call.stripeAccount !== undefined && call.stripeContext !== undefined) {
		throw new NodeOperationError(
			context.getNode(),
			'A Stripe request cannot carry both Stripe-Account and Stripe-Context.',
		);
	}
	if (call.stripeAccount !== undefined) {
		if (!isStripeId(call.stripeAccount, 'acct_')) {
			throw refuse('Stripe-Account', call.stripeAccount, 'a Stripe account id');
		}
		headers['Stripe-Account'] = call.stripeAccount;
	}
	if (call.stripeContext !== undefined) {
		if (!isStripeContext(call.stripeContext)) {
			throw refuse(
				'Stripe-Context',
				call.stripeContext,
				'a Stripe context (account ids joined by /)',
			);
		}
		headers['Stripe-Context'] = call.stripeContext;
	}
	if (call.triggeringEvent !== undefined) {
		if (!isStripeId(call.triggeringEvent, 'evt_')) {
			throw refuse('Stripe-Request-Trigger', call.triggeringEvent, 'a Stripe event id');
		}
		headers['Stripe-Request-Trigger'] = `event=${call.triggeringEvent}`;
	}
	if (call.idempotencyKey !== undefined) headers['Idempotency-Key'] = call.idempotencyKey;
	return headers;
}
