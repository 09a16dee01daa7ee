import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/**
 * One Stripe API call, as every caller describes it: the action node's operations, the trigger's
 * webhook-endpoint calls and (later) the v2 resources. The transport turns it into HTTP: the
 * credential's base URL and key, `Stripe-Version`, the encoded body (form for /v1, JSON for /v2),
 * `Stripe-Account` or `Stripe-Context`, the `Idempotency-Key` of a POST.
 */
export interface StripeRequest {
	method: Extract<IHttpRequestMethods, 'GET' | 'POST' | 'DELETE'>;
	/** Path from the API root, e.g. `/v1/transfers` or `/v1/payouts/po_1/cancel`. */
	path: string;
	/** Query parameters: filters of a list, `expand` of a read. */
	query?: IDataObject;
	/** Body parameters of a POST. */
	body?: IDataObject;
	/** Act as this connected account (`Stripe-Account: acct_…`). */
	stripeAccount?: string;
	/** Act in this context (`Stripe-Context`): a v2 account or an organization. */
	stripeContext?: string;
	/** The event a fetch is made for (`Stripe-Request-Trigger: event=<id>`, as stripe-node marks it). */
	triggeringEvent?: string;
	/** The POST's Idempotency-Key; the transport makes a random one when a POST has none. */
	idempotencyKey?: string;
}

/** Stripe's answer to one request that succeeded (2xx). */
export interface StripeResponse {
	statusCode: number;
	body: IDataObject;
	/** Stripe's `Request-Id`. */
	requestId?: string;
	/** The Idempotency-Key the request was sent with (POST only). */
	idempotencyKey?: string;
	/** Stripe answered with the stored result of an earlier request with the same key. */
	idempotentReplayed: boolean;
}
