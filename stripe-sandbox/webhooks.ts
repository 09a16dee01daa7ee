import { createHmac } from 'node:crypto';
import { putEvents, putEventsEntryFor, stripeEventBridgeEvent } from './eventBridge';
import type { ObjectStore, StripeObject } from './store';

/** One delivery attempt of an event to a webhook endpoint or an event destination, with its answer. */
export interface WebhookDelivery {
	/** The webhook endpoint (`we_…`) or event destination (`ed_…`) delivered to. */
	endpointId: string;
	/** How it was delivered: a v1 webhook endpoint, or an event destination's transport. */
	transport: 'webhook_endpoint' | 'event_destination' | 'amazon_eventbridge';
	/** Snapshot events carry the object; thin events only ids (event destinations choose). */
	payload: 'snapshot' | 'thin';
	url: string;
	eventId: string;
	type: string;
	/** The connected account the event belongs to; undefined for the platform's own events. */
	account?: string;
	/** HTTP status the receiver answered, or null when it could not be reached or was not sent. */
	status: number | null;
	error?: string;
	attempt: number;
	/** `Stripe-Signature` of webhook deliveries; empty for EventBridge, which AWS authenticates. */
	signatureHeader: string;
	rawBody: string;
}

/** Stripe's signature header: `t=<unix>,v1=<hex HMAC-SHA256 of "t.body" keyed with the whole whsec_ secret>`. */
export function signWebhookPayload(secret: string, rawBody: string, timestamp: number): string {
	const signature = createHmac('sha256', secret)
		.update(`${timestamp}.${rawBody}`, 'utf8')
		.digest('hex');
	return `t=${timestamp},v1=${signature}`;
}

/**
 * What a thin delivery carries: the event without its data, reason or changes (the receiver
 * fetches `/v2/core/events/{id}` for those, with the event's `context` as Stripe-Context).
 */
export function thinNotification(event: StripeObject): Record<string, unknown> {
	return {
		id: event.id,
		object: event.object,
		type: event.type,
		created: event.created,
		context: event.context ?? null,
		livemode: event.livemode,
		related_object: event.related_object ?? null,
	};
}

const DELIVERY_TIMEOUT_MS = 10_000;

/** The kind event destinations are filed under, on the platform. */
export const EVENT_DESTINATION_KIND = 'v2.core.event_destination';

type Target = { kind: 'endpoint' | 'destination'; object: StripeObject };

/** The account an event happened on; undefined for the platform's own. */
function eventAccount(event: StripeObject): string | undefined {
	if (typeof event.account === 'string') return event.account;
	return typeof event.context === 'string' ? event.context : undefined;
}

/**
 * Sends events, one at a time in emission order, to the webhook endpoints and event destinations
 * that subscribe to them: v1 snapshot events to endpoints and snapshot destinations, v2 events
 * (thin) to thin destinations. Webhook deliveries are signed with the target's secret; the
 * signature timestamp is the wall clock, because receivers check it against their own clock.
 * EventBridge destinations are sent to the configured PutEvents endpoint.
 */
export class WebhookDispatcher {
	readonly log: WebhookDelivery[] = [];
	/** Where EventBridge destinations deliver (a PutEvents endpoint); none → recorded as failed. */
	eventBridgeEndpoint: string | undefined;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly store: ObjectStore,
		private readonly platformAccountId: string,
	) {}

	/** Webhook endpoints that receive a v1 event of this type that happened on this account. */
	endpointsFor(event: StripeObject): StripeObject[] {
		const platform = this.platformAccountId;
		const account = typeof event.account === 'string' ? event.account : undefined;
		const candidates = account
			? [
					...this.store
						.list(platform, 'webhook_endpoint')
						.filter((endpoint) => this.isConnect(endpoint)),
					...this.store.list(account, 'webhook_endpoint'),
				]
			: this.store
					.list(platform, 'webhook_endpoint')
					.filter((endpoint) => !this.isConnect(endpoint));
		return candidates.filter((endpoint) => {
			const enabled = endpoint.enabled_events as string[];
			return (
				endpoint.status === 'enabled' &&
				(enabled.includes('*') || enabled.includes(String(event.type)))
			);
		});
	}

	/** Enabled event destinations taking this payload of this event type from this account. */
	destinationsFor(type: string, account: string | undefined, payload: 'snapshot' | 'thin') {
		const scope = account ? '@accounts' : '@self';
		return this.store.list(this.platformAccountId, EVENT_DESTINATION_KIND).filter((destination) => {
			const enabled = destination.enabled_events as string[];
			return (
				destination.status === 'enabled' &&
				destination.event_payload === payload &&
				(destination.events_from as string[]).includes(scope) &&
				(enabled.includes('*') || enabled.includes(type))
			);
		});
	}

	/** True when some destination takes thin events of this type from this account. */
	wantsThin(type: string, account: string | undefined): boolean {
		return this.destinationsFor(type, account, 'thin').length > 0;
	}

	private isConnect(endpoint: StripeObject): boolean {
		return this.store.internals(endpoint.id).connect === true;
	}

	private targetsFor(event: StripeObject): Target[] {
		if (event.object === 'v2.core.event') {
			return this.destinationsFor(String(event.type), eventAccount(event), 'thin').map(
				(object) => ({ kind: 'destination', object }),
			);
		}
		return [
			...this.endpointsFor(event).map((object) => ({ kind: 'endpoint' as const, object })),
			...this.destinationsFor(String(event.type), eventAccount(event), 'snapshot').map(
				(object) => ({ kind: 'destination' as const, object }),
			),
		];
	}

	/** Queues delivery of a new v1 event to every subscribed endpoint and snapshot destination. */
	dispatch(event: StripeObject): void {
		const targets = this.targetsFor(event);
		event.pending_webhooks = targets.length;
		for (const target of targets) this.enqueue(event, target);
	}

	/** Queues delivery of a new v2 event to every subscribed thin destination. */
	dispatchThin(event: StripeObject): void {
		for (const target of this.targetsFor(event)) this.enqueue(event, target);
	}

	/** Sends one event to one destination only (an event destination's ping). */
	deliverTo(event: StripeObject, destination: StripeObject): void {
		this.enqueue(event, { kind: 'destination', object: destination });
	}

	/** Sends an event again, to one target or to every target that subscribes to it. */
	redeliver(eventId: string, targetId?: string): void {
		const found = this.store.find(eventId);
		if (!found || (found.kind !== 'event' && found.kind !== 'v2.core.event')) {
			throw new Error(`redeliver: no event ${eventId}`);
		}
		const targets = this.targetsFor(found.object).filter(
			(target) => !targetId || target.object.id === targetId,
		);
		if (targetId && targets.length === 0) {
			throw new Error(`redeliver: ${targetId} does not receive event ${eventId}`);
		}
		for (const target of targets) this.enqueue(found.object, target);
	}

	/** Resolves once every queued delivery has been answered (or has failed). */
	async flush(): Promise<void> {
		let current: Promise<void>;
		do {
			current = this.queue;
			await current;
		} while (current !== this.queue);
	}

	private enqueue(event: StripeObject, target: Target): void {
		this.queue = this.queue.then(() => this.deliver(event, target));
	}

	private async deliver(event: StripeObject, target: Target): Promise<void> {
		const destination = target.kind === 'destination' ? target.object : undefined;
		const thin = event.object === 'v2.core.event';
		const payload = thin ? thinNotification(event) : this.snapshotFor(event, target.object);
		const delivery: WebhookDelivery = {
			endpointId: target.object.id,
			transport:
				target.kind === 'endpoint'
					? 'webhook_endpoint'
					: destination?.type === 'amazon_eventbridge'
						? 'amazon_eventbridge'
						: 'event_destination',
			payload: thin ? 'thin' : 'snapshot',
			url: '',
			eventId: event.id,
			type: String(event.type),
			account: eventAccount(event),
			status: null,
			attempt:
				this.log.filter(
					(entry) => entry.eventId === event.id && entry.endpointId === target.object.id,
				).length + 1,
			signatureHeader: '',
			rawBody: '',
		};
		try {
			if (delivery.transport === 'amazon_eventbridge') {
				await this.sendToEventBridge(delivery, payload, target.object);
			} else {
				await this.sendToWebhook(delivery, payload, target.object);
			}
		} catch (error) {
			delivery.error = error instanceof Error ? error.message : String(error);
		}
		this.log.push(delivery);
		if (!thin) this.recordOutcome(event, target, delivery);
	}

	/** A v1 event as a target receives it: rendered at the endpoint's or destination's API version. */
	private snapshotFor(event: StripeObject, target: StripeObject): Record<string, unknown> {
		const version =
			(target.api_version as string | null | undefined) ??
			(target.snapshot_api_version as string | null | undefined) ??
			event.api_version;
		return { ...structuredClone(event), api_version: version };
	}

	private async sendToWebhook(
		delivery: WebhookDelivery,
		payload: Record<string, unknown>,
		target: StripeObject,
	): Promise<void> {
		const internals = this.store.internals(target.id);
		delivery.url = String(internals.url ?? target.url);
		delivery.rawBody = JSON.stringify(payload, null, 2);
		delivery.signatureHeader = signWebhookPayload(
			internals.secret as string,
			delivery.rawBody,
			Math.floor(Date.now() / 1000),
		);
		const response = await fetch(delivery.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json; charset=utf-8',
				'Stripe-Signature': delivery.signatureHeader,
				'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
				Accept: '*/*; q=0.5, application/xml',
				'Cache-Control': 'no-cache',
			},
			body: delivery.rawBody,
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
		});
		delivery.status = response.status;
		await response.arrayBuffer();
	}

	private async sendToEventBridge(
		delivery: WebhookDelivery,
		payload: Record<string, unknown>,
		destination: StripeObject,
	): Promise<void> {
		const aws = destination.amazon_eventbridge as {
			aws_account_id: string;
			aws_event_source_status: string;
		};
		const region = String(this.store.internals(destination.id).awsRegion);
		const event = stripeEventBridgeEvent({
			detail: payload,
			destinationId: destination.id,
			awsAccountId: aws.aws_account_id,
			awsRegion: region,
		});
		const entry = putEventsEntryFor(event);
		delivery.rawBody = JSON.stringify({ Entries: [entry] });
		if (aws.aws_event_source_status !== 'active') {
			throw new Error(
				`The partner event source ${entry.Source} is ${aws.aws_event_source_status}: associate it with an event bus first (state.activateEventBridgeSource).`,
			);
		}
		if (!this.eventBridgeEndpoint) {
			throw new Error(
				'No EventBridge endpoint configured: start the sandbox with eventBridgeEndpoint or call setEventBridgeEndpoint.',
			);
		}
		delivery.url = this.eventBridgeEndpoint;
		const sent = await putEvents(this.eventBridgeEndpoint, region, entry, DELIVERY_TIMEOUT_MS);
		delivery.rawBody = sent.rawBody;
		delivery.status = sent.outcome.status;
		if (sent.outcome.entryError)
			delivery.error = `PutEvents entry failed: ${sent.outcome.entryError}`;
	}

	private recordOutcome(event: StripeObject, target: Target, delivery: WebhookDelivery): void {
		const succeeded =
			delivery.status !== null &&
			delivery.status >= 200 &&
			delivery.status < 300 &&
			delivery.error === undefined;
		const internals = this.store.internals(event.id);
		const delivered = (internals.deliveredTo as Set<string> | undefined) ?? new Set<string>();
		if (succeeded) delivered.add(target.object.id);
		internals.deliveredTo = delivered;
		internals.deliveryFailed = !succeeded || internals.deliveryFailed === true;
		event.pending_webhooks = Math.max(0, this.targetsFor(event).length - delivered.size);
	}
}
