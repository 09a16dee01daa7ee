import type { SandboxCore } from './core';
import { emitEvent } from './events';
import type { StripeObject } from './store';

/** How an object records the money that goes back from it: a transfer's reversals, a fee's refunds. */
export interface ReturnFields {
	/** The running total returned (`amount_reversed`, `amount_refunded`). */
	total: string;
	/** The flag set once all of it is returned (`reversed`, `refunded`). */
	whollyReturned: string;
	/** The embedded list of the returns, newest first (`reversals`, `refunds`). */
	list: string;
	/** The event announcing the change (`transfer.reversed`, `application_fee.refunded`). */
	event: string;
}

/**
 * Stores `returned` (of `amount`) on the platform and books it on the object it comes from, as
 * Stripe shows it: the running total, the flag once nothing is left, the return first in the
 * embedded list, and the event with the previous total and flag.
 */
export function recordReturn(
	core: SandboxCore,
	source: StripeObject,
	returned: StripeObject,
	amount: number,
	fields: ReturnFields,
): void {
	core.store.put(core.platformAccountId, returned);
	const previous = {
		[fields.total]: source[fields.total],
		[fields.whollyReturned]: source[fields.whollyReturned],
	};
	source[fields.total] = Number(source[fields.total]) + amount;
	source[fields.whollyReturned] = source[fields.total] === source.amount;
	const list = source[fields.list] as { data: StripeObject[] };
	list.data = [returned, ...list.data];
	emitEvent(core, { type: fields.event, object: source, previousAttributes: previous });
}
