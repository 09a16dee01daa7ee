import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { stripeRequest } from './stripeRequest';

/** The parts of a Stripe event the trigger reads. */
export interface StripeEvent extends IDataObject {
	id: string;
	type: string;
	account?: string;
	/** The account it happened in, as `Stripe-Context` takes it (since 2025-04-30.basil). */
	context?: string | null;
	data: { object: IDataObject & { id?: string; object?: string } };
}

const RETRIEVE_PATHS: Record<string, (id: string, object: IDataObject) => string | undefined> = {
	payout: (id) => `/v1/payouts/${id}`,
	dispute: (id) => `/v1/disputes/${id}`,
	account: (id) => `/v1/accounts/${id}`,
	transfer: (id) => `/v1/transfers/${id}`,
	application_fee: (id) => `/v1/application_fees/${id}`,
	charge: (id) => `/v1/charges/${id}`,
	payment_intent: (id) => `/v1/payment_intents/${id}`,
	refund: (id) => `/v1/refunds/${id}`,
	balance: () => '/v1/balance',
	capability: (id, object) =>
		typeof object.account === 'string'
			? `/v1/accounts/${encodeURIComponent(object.account)}/capabilities/${id}`
			: undefined,
	bank_account: (id, object) =>
		typeof object.account === 'string'
			? `/v1/accounts/${encodeURIComponent(object.account)}/external_accounts/${id}`
			: undefined,
	card: (id, object) =>
		typeof object.account === 'string'
			? `/v1/accounts/${encodeURIComponent(object.account)}/external_accounts/${id}`
			: undefined,
};

// Objects addressed through the platform's own account paths even when the event came from a
// connected account; everything else lives on the connected account and needs `Stripe-Account`.
const ADDRESSED_BY_PLATFORM = new Set(['account', 'capability', 'bank_account', 'card']);

/** Whether the retrieve call must act as the event's connected account (`Stripe-Account`). */
export function retrieveAsConnectedAccount(event: StripeEvent): boolean {
	const type = event.data?.object?.object;
	return typeof event.account === 'string' && !ADDRESSED_BY_PLATFORM.has(String(type));
}

/**
 * The GET path that returns the current state of an event's object, or undefined when Stripe has
 * no retrieve call for it (the snapshot in the event is then all there is).
 */
export function retrievePathFor(event: StripeEvent): string | undefined {
	const object = event.data?.object;
	if (object === undefined || typeof object.object !== 'string') return undefined;
	const build = RETRIEVE_PATHS[object.object];
	if (build === undefined) return undefined;
	const id = typeof object.id === 'string' ? encodeURIComponent(object.id) : '';
	if (id === '' && object.object !== 'balance') return undefined;
	return build(id, object);
}

/**
 * Fetches the current state of a snapshot event's object ("Fetch Latest Object"), as the event's
 * connected account where the object lives there. Undefined when Stripe has no retrieve call for it
 * or the object is gone (404); any other failure throws.
 */
export async function fetchLatestObject(
	context: IWebhookFunctions,
	event: StripeEvent,
): Promise<IDataObject | undefined> {
	const path = retrievePathFor(event);
	if (path === undefined) return undefined;
	const { statusCode, body } = await stripeRequest<IDataObject>(context, {
		method: 'GET',
		path,
		stripeAccount: retrieveAsConnectedAccount(event) ? event.account : undefined,
	});
	return statusCode === 404 ? undefined : body;
}
