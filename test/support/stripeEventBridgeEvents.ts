// Stripe events as a Stripe event destination of type Amazon EventBridge delivers them, for the
// serverless suite's event-pattern tests. Based on Stripe's documentation
// (docs.stripe.com/event-destinations/eventbridge, "event structure": the partner event source as
// `source`, the event type as `detail-type`, the Stripe event as `detail`; thin events' attributes in
// docs.stripe.com/api/v2/core/events) and on Stripe's own SDK, which unwraps exactly this envelope
// (stripe-node 23.1.0 `maybeExtractFromCloudProviderEnvelope`); the suite parses every event it builds
// with that SDK. Snapshot events come from the sandbox, which records them as Stripe does.
import type { JsonValue } from '../serverless/eventPattern';

/** Where the partner event source lives. */
export interface PartnerEventSource {
	/** `aws.partner/stripe.com/ed_…`, the source name the destination created. */
	name: string;
	awsAccount: string;
	region: string;
}

/** The event EventBridge hands a rule on the partner event bus for one Stripe event. */
export function stripeEventBridgeEvent(
	source: PartnerEventSource,
	detail: { type: string } & Record<string, unknown>,
	time = '2026-11-22T06:15:00Z',
): Record<string, JsonValue> {
	return {
		version: '0',
		id: '17e8dff5-d6cd-3770-ace9-aeac02b6ac3f',
		'detail-type': detail.type,
		source: source.name,
		account: source.awsAccount,
		time,
		region: source.region,
		resources: [`arn:aws:events:${source.region}::event-source/${source.name}`],
		detail: detail as JsonValue,
	};
}

/** A v1 object a thin event points at. */
export interface RelatedObject {
	id: string;
	/** The object's `object` value, e.g. `payout`, `dispute`. */
	type: string;
	/** Its v1 list path, e.g. `/v1/payouts`. */
	path: string;
}

/**
 * A thin event (`v2.core.event` notification) for a v1 object, as Stripe sends it to a thin-payload
 * destination: ids only, `context` naming the connected account it happened on (absent for the
 * platform's own events).
 */
export function thinEvent(
	type: string,
	related: RelatedObject,
	context: string | undefined,
	id = 'evt_test_65R9Ijk8dLZBJ7iLX16R9Ij6P9SQG7lDOh6tpNqIpNfG',
): { type: string } & Record<string, unknown> {
	return {
		id,
		object: 'v2.core.event',
		type,
		created: '2026-11-22T06:14:59.000Z',
		...(context === undefined ? {} : { context }),
		livemode: false,
		related_object: {
			id: related.id,
			type: related.type,
			url: `${related.path}/${related.id}`,
		},
	};
}
