import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { ThinEventNotification } from './eventPayload';
import { stripeRequest } from './stripeRequest';

/** A thin event's details, fetched before the workflow starts. */
export interface ThinEventDetails {
	/** The full event (`GET /v2/core/events/{id}`): the notification plus `data`, `reason`, …. */
	event: IDataObject;
	/** The related object now, when asked for: null when the event has none or it is gone (404). */
	relatedObject?: IDataObject | null;
}

/**
 * Fetches a thin event as stripe-node's `fetchEvent()` and `fetchRelatedObject()` do: in the
 * event's context (`Stripe-Context`, none for the platform's own events), marked with
 * `Stripe-Request-Trigger: event=<id>`. The event must exist and be the one notified; anything else
 * throws, and the delivery is answered 5xx so Stripe sends it again. A related object that no longer
 * exists is not an error (a retry would not bring it back): it is null.
 */
export async function fetchThinEvent(
	context: IWebhookFunctions,
	notification: ThinEventNotification,
	withRelatedObject: boolean,
): Promise<ThinEventDetails> {
	const stripeContext = typeof notification.context === 'string' ? notification.context : undefined;
	const { statusCode, body: event } = await stripeRequest<IDataObject>(context, {
		method: 'GET',
		path: `/v2/core/events/${encodeURIComponent(notification.id)}`,
		stripeContext,
		triggeringEvent: notification.id,
	});
	if (statusCode === 404) {
		throw new Error(
			`Stripe has no event ${notification.id}${stripeContext === undefined ? '' : ` in context ${stripeContext}`}`,
		);
	}
	if (event?.id !== notification.id || event.type !== notification.type) {
		throw new Error(
			`Stripe answered the fetch of ${notification.id} (${notification.type}) with another event`,
		);
	}
	if (!withRelatedObject) return { event };
	const related = notification.related_object;
	if (related === undefined || related === null) return { event, relatedObject: null };
	const fetched = await stripeRequest<IDataObject>(context, {
		method: 'GET',
		path: related.url,
		stripeContext,
		triggeringEvent: notification.id,
	});
	return { event, relatedObject: fetched.statusCode === 404 ? null : fetched.body };
}
