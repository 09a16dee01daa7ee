import type { IDataObject } from 'n8n-workflow';

/** Which Stripe endpoint flavour: `connect=true` (connected accounts) or the platform's own. */
export type EndpointSource = 'connect' | 'platform';

/** The trigger's "Source" parameter. */
export type SourceSelection = EndpointSource | 'both';

/** The trigger's "Delivery" parameter: v1 webhook endpoints, or one v2 event destination. */
export type DeliveryKind = 'webhookEndpoints' | 'eventDestination';

/** What an event destination sends: the whole event (snapshot), or its ids only (thin). */
export type EventPayload = 'snapshot' | 'thin';

/** What the trigger remembers about a webhook endpoint it registered (in the node's static data). */
export interface StoredEndpoint {
	id: string;
	secret: string;
	url: string;
}

/** What the trigger remembers about the event destination it registered. */
export interface StoredDestination extends StoredEndpoint {
	payload: EventPayload;
}

/** The node's static data, as n8n persists it with the workflow. */
export interface TriggerStaticData extends IDataObject {
	endpoints?: Partial<Record<EndpointSource, StoredEndpoint>>;
	destination?: StoredDestination;
	seenEventIds?: string[];
}

/** A registration a delivery can come through, with the secret it is signed with. */
export type DeliveryChannel =
	| { kind: 'endpoint'; source: EndpointSource; registration: StoredEndpoint }
	| { kind: 'destination'; registration: StoredDestination };

/** Every registration the trigger holds a secret for: its endpoints, then its destination. */
export function channelsOf(staticData: TriggerStaticData): DeliveryChannel[] {
	const channels: DeliveryChannel[] = (
		Object.entries(staticData.endpoints ?? {}) as Array<[EndpointSource, StoredEndpoint]>
	).map(([source, registration]) => ({ kind: 'endpoint', source, registration }));
	if (staticData.destination !== undefined) {
		channels.push({ kind: 'destination', registration: staticData.destination });
	}
	return channels;
}
