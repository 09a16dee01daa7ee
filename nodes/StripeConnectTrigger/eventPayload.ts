import type { StripeEvent } from './latestObject';
import { isStripeId, quoteForLog } from './stripeIds';

/** A signed body read as a Stripe event, or why it is not one (said to Stripe and in the log). */
export type EventReading = { event: StripeEvent } | { problem: string };

/**
 * Reads a verified delivery's body as a Stripe event. The signature proves who sent the bytes, not
 * that they are safe to use: `id` is stored in the seen-ids list and `account` becomes the
 * `Stripe-Account` header of Fetch Latest Object, so both must be Stripe IDs (`evt_…`, `acct_…`,
 * letters, digits and underscores, at most 255 characters). A platform event has no `account`
 * (absent or null).
 */
export function readStripeEvent(rawBody: Buffer): EventReading {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { problem: 'The body is not JSON.' };
	}
	const event = parsed as Partial<StripeEvent> | null;
	if (
		typeof event !== 'object' ||
		event === null ||
		typeof event.type !== 'string' ||
		typeof event.data?.object !== 'object' ||
		event.data.object === null
	) {
		return { problem: 'The body is not a Stripe event (it needs id, type and data.object).' };
	}
	if (!isStripeId(event.id, 'evt_')) {
		return {
			problem: `The event id ${quoteForLog(event.id)} is not a Stripe event id (evt_ followed by letters, digits or underscores, at most 255 characters).`,
		};
	}
	if (
		event.account !== undefined &&
		event.account !== null &&
		!isStripeId(event.account, 'acct_')
	) {
		return {
			problem: `The event's account ${quoteForLog(event.account)} is not a Stripe account id (acct_ followed by letters, digits or underscores, at most 255 characters).`,
		};
	}
	return { event: event as StripeEvent };
}
