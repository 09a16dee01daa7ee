import { rfc3339 } from '../clock';
import type { SandboxCore } from '../core';
import { clone } from '../core';
import type { StripeObject } from '../store';

/** The object a thin event is about, and where to fetch it (with the event's Stripe-Context). */
export interface RelatedObject {
	id: string;
	type: string;
	url: string;
}

/** Input for recording a v2 event (`object: 'v2.core.event'`). */
export interface V2EventInput {
	type: string;
	/** The connected account the event happened on (its `context`); omit for the platform. */
	account?: string;
	relatedObject?: RelatedObject;
	data?: Record<string, unknown>;
	/** The snapshot event a thin v1 event stands for. */
	snapshotEvent?: string;
	/** False to record without delivering (a ping is delivered to its one destination only). */
	deliver?: boolean;
}

/** The kind v2 events are filed under, on the account they happened on. */
export const V2_EVENT_KIND = 'v2.core.event';

/**
 * Records a v2 event on the account it happened on and hands it to the event destinations. Its
 * `context` is the connected account (relative to the platform's key), null for the platform's own.
 */
export function emitV2Event(core: SandboxCore, input: V2EventInput): StripeObject {
	const onConnectedAccount = input.account && input.account !== core.platformAccountId;
	const request = core.currentRequest;
	const event: StripeObject = {
		id: core.ids.next('evt', 24),
		object: V2_EVENT_KIND,
		context: onConnectedAccount ? (input.account as string) : null,
		created: rfc3339(core.now()),
		...(input.data ? { data: clone(input.data) } : {}),
		livemode: false,
		reason: request?.id
			? {
					type: 'request',
					request: { id: request.id, idempotency_key: request.idempotency_key ?? '' },
				}
			: null,
		related_object: input.relatedObject ?? null,
		...(input.snapshotEvent ? { snapshot_event: input.snapshotEvent } : {}),
		type: input.type,
	};
	core.store.put(onConnectedAccount ? (input.account as string) : core.platformAccountId, event);
	if (input.deliver !== false) core.webhooks.dispatchThin(event);
	return event;
}

const V1_OBJECT_PATHS: Record<string, (object: StripeObject) => string> = {
	account: (object) => `/v1/accounts/${object.id}`,
	application_fee: (object) => `/v1/application_fees/${object.id}`,
	capability: (object) => `/v1/accounts/${String(object.account)}/capabilities/${object.id}`,
	charge: (object) => `/v1/charges/${object.id}`,
	dispute: (object) => `/v1/disputes/${object.id}`,
	payment_intent: (object) => `/v1/payment_intents/${object.id}`,
	payout: (object) => `/v1/payouts/${object.id}`,
	person: (object) => `/v1/accounts/${String(object.account)}/persons/${object.id}`,
	refund: (object) => `/v1/refunds/${object.id}`,
	transfer: (object) => `/v1/transfers/${object.id}`,
};

/** Where a v1 object is fetched from, as a thin event's `related_object`; none for singletons (balance). */
export function v1RelatedObject(object: Record<string, unknown>): RelatedObject | undefined {
	const type = String(object.object);
	const path = V1_OBJECT_PATHS[type];
	if (!path || typeof object.id !== 'string') return undefined;
	return { id: object.id, type, url: path(object as StripeObject) };
}
