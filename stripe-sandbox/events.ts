import type { SandboxCore } from './core';
import { SANDBOX_API_VERSION, clone } from './core';
import type { StripeObject } from './store';

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

/** Records an event on the account it happened on and queues its webhook deliveries. */
export function emitEvent(core: SandboxCore, input: EmitEventInput): StripeObject {
	const onConnectedAccount = input.account && input.account !== core.platformAccountId;
	const event: StripeObject = {
		id: core.ids.next('evt'),
		object: 'event',
		...(onConnectedAccount ? { account: input.account } : {}),
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
	core.store.put(onConnectedAccount ? (input.account as string) : core.platformAccountId, event);
	core.webhooks.dispatch(event);
	return event;
}
