import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { pinnedApiVersion } from '../shared/stripeApi';
import type { StripeRequest } from '../shared/transport/request';
import { openStripeConnection, sendStripeRequest } from '../shared/transport/send';
import { isStripeContext, isStripeId, quoteForLog } from './stripeIds';

/**
 * One request the trigger makes (endpoint and destination lifecycle, claims, the fetches before a
 * start). The body of a POST is form-encoded on /v1 and JSON on /v2, as the transport sends every
 * Stripe request.
 */
export interface StripeCall extends StripeRequest {
	/** Statuses handed back to the caller instead of raised as errors (default: 404 alone). */
	returnedStatuses?: number[];
}

export interface StripeCallResponse<T> {
	statusCode: number;
	body: T;
	/** Stripe answered with the stored result of an earlier request with the same Idempotency-Key. */
	idempotentReplayed: boolean;
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

/** The API version pinned by the credential, or undefined to use the account default. */
export async function credentialApiVersion(
	context: StripeCallContext,
): Promise<string | undefined> {
	return pinnedApiVersion(await context.getCredentials('stripeConnectApi'));
}

/**
 * Sends one request to Stripe through the package's transport (the action node's path): the
 * credential's base URL and key, paced per key, no redirect followed, retried by the one retry
 * policy, errors mapped to Stripe's message. A 404 (it often means "already gone") and any of
 * `returnedStatuses` are returned to the caller; every other failure throws, the failed call
 * named in the message. This is the only place the trigger calls Stripe.
 */
export async function stripeRequest<T>(
	context: StripeCallContext,
	call: StripeCall,
): Promise<StripeCallResponse<T>> {
	const { returnedStatuses, ...request } = call;
	checkHeaderValues(context, request);
	const connection = await openStripeConnection(context);
	try {
		const response = await sendStripeRequest(context, connection, request, {
			acceptStatuses: returnedStatuses ?? [404],
			paramFields: TRIGGER_PARAM_FIELDS,
		});
		return {
			statusCode: response.statusCode,
			body: response.body as T,
			idempotentReplayed: response.idempotentReplayed,
		};
	} catch (error) {
		throw namingTheCall(context, call, error);
	}
}

/**
 * The transport's error with the failed call in front of its message: the trigger's calls happen
 * out of sight (activation, a delivery), so the log must say which one failed.
 */
function namingTheCall(
	context: StripeCallContext,
	call: StripeCall,
	error: unknown,
): NodeApiError | NodeOperationError {
	const failed = `Stripe ${call.method} ${call.path} failed`;
	if (error instanceof NodeApiError) {
		const status = error.httpCode === null ? '' : ` (${error.httpCode})`;
		error.message = `${failed}${status}: ${error.message}`;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), `${failed}: ${message}`);
}

/**
 * The account, context and event of a request come from a delivery's body: a header must never
 * carry what is not an id (a CR/LF would fold another header in), so all three are checked here,
 * where every request passes, and refused rather than sent.
 */
function checkHeaderValues(context: StripeCallContext, request: StripeRequest): void {
	const refuse = (header: string, value: unknown, what: string) =>
		new NodeOperationError(
			context.getNode(),
			`Refused to send ${header} ${quoteForLog(value)}: it is not ${what}.`,
		);
	if (request.stripeAccount !== undefined && request.stripeContext !== undefined) {
		throw new NodeOperationError(
			context.getNode(),
			'A Stripe request cannot carry both Stripe-Account and Stripe-Context.',
		);
	}
	if (request.stripeAccount !== undefined && !isStripeId(request.stripeAccount, 'acct_')) {
		throw refuse('Stripe-Account', request.stripeAccount, 'a Stripe account id');
	}
	if (request.stripeContext !== undefined && !isStripeContext(request.stripeContext)) {
		throw refuse(
			'Stripe-Context',
			request.stripeContext,
			'a Stripe context (account ids joined by /)',
		);
	}
	if (request.triggeringEvent !== undefined && !isStripeId(request.triggeringEvent, 'evt_')) {
		throw refuse('Stripe-Request-Trigger', request.triggeringEvent, 'a Stripe event id');
	}
}
