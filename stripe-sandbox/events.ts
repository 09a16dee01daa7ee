import type { SandboxCore } from './core';
import { SANDBOX_API_VERSION, clone } from './core';
import type { StripeObject } from './store';
import { emitV2Event, v1RelatedObject } from './v2/events';

/** What caused an event: the API request (id and idempotency key), or null for automatic changes. */
export interface EventRequest {
	id: string | null;
	idempotency_key: string | null;
}

/** Input for recording an event and sending it to webhook endpoints. */
export interface EmitEventInput {
	type: string;
	/** The object the event is about (a snapshot is taken); balance events carry a balance, which has no id. */
	object: StripeObject | Record<string, unknown>;
	/** The connected account the event happened on; omit for the platform. */
	account?: string;
	previousAttributes?: Record<string, unknown>;
	request?: EventRequest;
}

/**
 * Records a v1 event on the account it happened on and queues its deliveries: the snapshot to
 * webhook endpoints and snapshot event destinations, and, when a thin destination subscribes to
 * `v1.<type>`, a thin v1 event (with `related_object`) to those. Events of connected accounts carry
 * both `account` and `context` (the Stripe-Context to fetch them with, since 2025-04-30.basil).
 */
export function emitEvent(core: SandboxCore, input: EmitEventInput): StripeObject {
	const onConnectedAccount = input.account && input.account !== core.platformAccountId;
	const event: StripeObject = {
		id: core.ids.next('evt'),
		object: 'event',
		...(onConnectedAccount ? { account: input.account, context: input.account } : {}),
		api_version: SANDBOX_API_VERSION,
		created: core.now(),
		data: {
			object: clone(input.object),
			...(input.previousAttributes ? { previous_attributes: clone(input.previousAttributes) } : {}),
		},
		livemode: false,
		pending_webhooks: 0,
		request: input.request ?? core.currentRequest ?? { id: null, idempotency_key: null },
		type: input.type,
	};
	const account = onConnectedAccount ? (input.account as string) : undefined;
	core.store.put(account ?? core.platformAccountId, event);
	core.webhooks.dispatch(event);
	const thinType = `v1.${input.type}`;
	if (core.webhooks.wantsThin(thinType, account)) {
		emitV2Event(core, {
			type: thinType,
			account,
			relatedObject: v1RelatedObject(input.object),
			snapshotEvent: event.id,
		});
	}
	return event;
}
