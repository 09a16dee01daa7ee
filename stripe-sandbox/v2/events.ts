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
}

/** The kind v2 events are filed under, on the account they happened on. */
export const V2_EVENT_KIND = 'v2.core.event';

/**
 * Records a v2 event on the account it happened on (delivery to event destinations comes with
 * them). Its
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
		type: input.type,
	};
	core.store.put(onConnectedAccount ? (input.account as string) : core.platformAccountId, event);
	return event;
}
