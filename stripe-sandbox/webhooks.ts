import { createHmac } from 'node:crypto';
import type { ObjectStore, StripeObject } from './store';

/** One POST of an event to a webhook endpoint, with what the receiver answered. */
export interface WebhookDelivery {
	endpointId: string;
	url: string;
	eventId: string;
	type: string;
	/** The connected account the event belongs to; undefined for the platform's own events. */
	account?: string;
	/** HTTP status the receiver answered, or null when it could not be reached. */
	status: number | null;
	error?: string;
	attempt: number;
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

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Sends events to the endpoints that subscribe to them, one at a time in emission order, signed
 * with the endpoint's secret. The signature timestamp is the wall clock, because receivers check it
 * against their own clock; the event's `created` is the sandbox clock.
 */
export class WebhookDispatcher {
	readonly log: WebhookDelivery[] = [];
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly store: ObjectStore,
		private readonly platformAccountId: string,
	) {}

	/** Endpoints that receive an event of this type that happened on this account. */
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

	private isConnect(endpoint: StripeObject): boolean {
		return this.store.internals(endpoint.id).connect === true;
	}

	/** Queues delivery of a new event to every subscribed endpoint. */
	dispatch(event: StripeObject): void {
		const endpoints = this.endpointsFor(event);
		event.pending_webhooks = endpoints.length;
		for (const endpoint of endpoints) this.enqueue(event, endpoint);
	}

	/** Sends an event again, to one endpoint or to every endpoint that subscribes to it. */
	redeliver(eventId: string, endpointId?: string): void {
		const found = this.store.find(eventId);
		if (!found || found.kind !== 'event') throw new Error(`redeliver: no event ${eventId}`);
		const endpoints = this.endpointsFor(found.object).filter(
			(endpoint) => !endpointId || endpoint.id === endpointId,
		);
		if (endpointId && endpoints.length === 0) {
			throw new Error(`redeliver: endpoint ${endpointId} does not receive event ${eventId}`);
		}
		for (const endpoint of endpoints) this.enqueue(found.object, endpoint);
	}

	/** Resolves once every queued delivery has been answered (or has failed). */
	async flush(): Promise<void> {
		let current: Promise<void>;
		do {
			current = this.queue;
			await current;
		} while (current !== this.queue);
	}

	private enqueue(event: StripeObject, endpoint: StripeObject): void {
		this.queue = this.queue.then(() => this.deliver(event, endpoint));
	}

	private async deliver(event: StripeObject, endpoint: StripeObject): Promise<void> {
		const secret = this.store.internals(endpoint.id).secret as string;
		const payload = {
			...structuredClone(event),
			api_version: (endpoint.api_version as string | null) ?? event.api_version,
		};
		const rawBody = JSON.stringify(payload, null, 2);
		const signatureHeader = signWebhookPayload(secret, rawBody, Math.floor(Date.now() / 1000));
		const attempt =
			this.log.filter((entry) => entry.eventId === event.id && entry.endpointId === endpoint.id)
				.length + 1;
		const delivery: WebhookDelivery = {
			endpointId: endpoint.id,
			url: String(endpoint.url),
			eventId: event.id,
			type: String(event.type),
			account: typeof event.account === 'string' ? event.account : undefined,
			status: null,
			attempt,
			signatureHeader,
			rawBody,
		};
		try {
			const response = await fetch(delivery.url, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json; charset=utf-8',
					'Stripe-Signature': signatureHeader,
					'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
					Accept: '*/*; q=0.5, application/xml',
					'Cache-Control': 'no-cache',
				},
				body: rawBody,
				signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
			});
			delivery.status = response.status;
			await response.arrayBuffer();
		} catch (error) {
			delivery.error = error instanceof Error ? error.message : String(error);
		}
		this.log.push(delivery);
		const succeeded = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
		const internals = this.store.internals(event.id);
		const delivered = (internals.deliveredTo as Set<string> | undefined) ?? new Set<string>();
		if (succeeded) delivered.add(endpoint.id);
		internals.deliveredTo = delivered;
		internals.deliveryFailed = !succeeded || internals.deliveryFailed === true;
		event.pending_webhooks = Math.max(0, this.endpointsFor(event).length - delivered.size);
	}
}
