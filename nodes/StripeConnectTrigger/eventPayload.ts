import type { IDataObject } from 'n8n-workflow';

import type { StripeEvent } from './latestObject';
import { isStripeApiPath, isStripeContext, isStripeId, quoteForLog } from './stripeIds';
import type { EventPayload } from './triggerStaticData';

/** A snapshot body read as a Stripe event, or why it is not one (said to Stripe and in the log). */
export type EventReading = { event: StripeEvent } | { problem: string };

/** What a thin delivery carries: ids and where to fetch the rest (`v2.core.event`). */
export interface ThinEventNotification extends IDataObject {
	id: string;
	object: 'v2.core.event';
	type: string;
	/** The account the event happened in, as `Stripe-Context` takes it; absent or null for the platform. */
	context?: string | null;
	related_object?: { id: string; type: string; url: string } | null;
}

/** A signed body read as either kind of event Stripe delivers. */
export type DeliveryReading =
	| { payload: 'snapshot'; event: StripeEvent }
	| { payload: 'thin'; notification: ThinEventNotification }
	| { problem: string };

/** The parts of a delivered event the trigger decides on, whatever its payload. */
export interface DeliveredEvent {
	id: string;
	type: string;
	payload: EventPayload;
	/** The connected account it happened on; undefined for the platform's own events. */
	account: string | undefined;
	/** Its `context` (the connected account, or a path of accounts); undefined when it has none. */
	context: string | undefined;
}

const THIN_EVENT_OBJECT = 'v2.core.event';

function parse(rawBody: Buffer): { parsed: unknown } | { problem: string } {
	try {
		return { parsed: JSON.parse(rawBody.toString('utf8')) as unknown };
	} catch {
		return { problem: 'The body is not JSON.' };
	}
}

function problemWithId(id: unknown): string | undefined {
	if (isStripeId(id, 'evt_')) return undefined;
	return `The event id ${quoteForLog(id)} is not a Stripe event id (evt_ followed by letters, digits or underscores, at most 255 characters).`;
}

function problemWithContext(context: unknown): string | undefined {
	if (context === undefined || context === null || isStripeContext(context)) return undefined;
	return `The event's context ${quoteForLog(context)} is not a Stripe context (account ids joined by /, each acct_ followed by letters, digits or underscores).`;
}

/**
 * Reads a verified delivery's body as a Stripe event. The signature proves who sent the bytes, not
 * that they are safe to use: `id` is stored in the seen-ids list and `account` becomes the
 * `Stripe-Account` header of Fetch Latest Object, so both must be Stripe IDs (`evt_…`, `acct_…`,
 * letters, digits and underscores, at most 255 characters), and `context`, when present, a Stripe
 * context. A platform event has no `account` (absent or null).
 */
export function readStripeEvent(rawBody: Buffer): EventReading {
	const reading = parse(rawBody);
	if ('problem' in reading) return reading;
	const event = reading.parsed as Partial<StripeEvent> | null;
	if (
		typeof event !== 'object' ||
		event === null ||
		typeof event.type !== 'string' ||
		typeof event.data?.object !== 'object' ||
		event.data.object === null
	) {
		return { problem: 'The body is not a Stripe event (it needs id, type and data.object).' };
	}
	const idProblem = problemWithId(event.id);
	if (idProblem !== undefined) return { problem: idProblem };
	if (
		event.account !== undefined &&
		event.account !== null &&
		!isStripeId(event.account, 'acct_')
	) {
		return {
			problem: `The event's account ${quoteForLog(event.account)} is not a Stripe account id (acct_ followed by letters, digits or underscores, at most 255 characters).`,
		};
	}
	const contextProblem = problemWithContext(event.context);
	if (contextProblem !== undefined) return { problem: contextProblem };
	return { event: event as StripeEvent };
}

/**
 * Reads a verified thin delivery (`object: "v2.core.event"`). Its `id` is stored and sent in the
 * fetch's path and `Stripe-Request-Trigger`, its `context` becomes `Stripe-Context`, and its
 * `related_object.url` is requested with the API key, so each must be what Stripe sends: an event id,
 * a context of account ids, and a path of Stripe's API (no host, query or parent folder).
 */
export function readThinEvent(
	parsed: unknown,
): { notification: ThinEventNotification } | { problem: string } {
	const notification = parsed as Partial<ThinEventNotification>;
	if (typeof notification.type !== 'string' || notification.type === '') {
		return { problem: 'The body is not a thin Stripe event (it needs id and type).' };
	}
	const problem = problemWithId(notification.id) ?? problemWithContext(notification.context);
	if (problem !== undefined) return { problem };
	const related = notification.related_object as unknown;
	if (related !== undefined && related !== null) {
		const { id, type, url } = related as Record<string, unknown>;
		if (typeof id !== 'string' || typeof type !== 'string' || !isStripeApiPath(url)) {
			return {
				problem: `The event's related_object ${quoteForLog(JSON.stringify(related))} is not a Stripe object reference (id, type, and a url that is a path of Stripe's API such as /v1/payouts/po_…).`,
			};
		}
	}
	return { notification: notification as ThinEventNotification };
}

/** Reads a verified body as a snapshot event or a thin event (told apart by `object`). */
export function readDelivery(rawBody: Buffer): DeliveryReading {
	const reading = parse(rawBody);
	if ('problem' in reading) return reading;
	const { parsed } = reading;
	if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
		if ((parsed as IDataObject).object === THIN_EVENT_OBJECT) {
			const thin = readThinEvent(parsed);
			return 'problem' in thin ? thin : { payload: 'thin', notification: thin.notification };
		}
	}
	const snapshot = readStripeEvent(rawBody);
	return 'problem' in snapshot ? snapshot : { payload: 'snapshot', event: snapshot.event };
}

/**
 * The connected account a context names: its last segment (`acct_1A` of `acct_1A`, or of
 * `acct_1P/acct_1A`). With a platform's key, Stripe gives the platform's own events no context.
 */
export function accountOfContext(context: string | null | undefined): string | undefined {
	if (typeof context !== 'string' || context === '') return undefined;
	const segments = context.split('/');
	return segments[segments.length - 1];
}

/** The fields the trigger decides on, from either reading. */
export function deliveredEvent(
	reading: Exclude<DeliveryReading, { problem: string }>,
): DeliveredEvent {
	if (reading.payload === 'snapshot') {
		const { event } = reading;
		return {
			id: event.id,
			type: event.type,
			payload: 'snapshot',
			account: typeof event.account === 'string' ? event.account : undefined,
			context: typeof event.context === 'string' ? event.context : undefined,
		};
	}
	const { notification } = reading;
	const context = typeof notification.context === 'string' ? notification.context : undefined;
	return {
		id: notification.id,
		type: notification.type,
		payload: 'thin',
		account: accountOfContext(context),
		context,
	};
}
