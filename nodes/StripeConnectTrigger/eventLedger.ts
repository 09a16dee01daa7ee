import { mergeSeenEventIds, rememberEventId, SEEN_EVENT_ID_LIMIT } from './seenEvents';
import { isStripeId } from './stripeIds';

/** What a delivery learns when it claims its event id in the process's ledger. */
export type EventClaim =
	| {
			outcome: 'claimed';
			/**
			 * The event goes to n8n, which has yet to accept its execution: its id is stored from now
			 * on (so a save of any request carries it) while it stays claimed.
			 */
			handOver: () => void;
			/** The event started (or another process started it): remember its id. */
			commit: () => void;
			/** Nothing started (Stripe will deliver again): forget the claim. */
			release: () => void;
	  }
	| { outcome: 'seen' }
	| { outcome: 'in-flight'; settled: Promise<void> };

/** How many released ids a ledger keeps refusing to take back from stored lists. */
const GIVEN_BACK_LIMIT = 1000;

/**
 * The event ids one trigger node has handled in this n8n process, and the ones being handled right
 * now. n8n gives every request its own copy of the workflow's static data, loaded before the node
 * runs and saved whole after it (last save wins), so two requests in flight never see each other's
 * ids there. The ledger is what they share: a claim is taken synchronously, before the delivery's
 * first await, so two deliveries of one event cannot both pass it; and every delivery writes the
 * ledger's whole list into its own copy, so whichever save lands last carries every id.
 *
 * An event handed to n8n is in that list before n8n has accepted its execution (a request's save
 * may land before the acceptance, and must not lose the id). If n8n then cannot start it, its id is
 * given back: dropped from the list, and never taken back from a stored list that still holds it,
 * so Stripe's next delivery starts it.
 */
export class EventLedger {
	private order: readonly string[] = [];
	private members = new Set<string>();
	private readonly inFlight = new Map<string, Promise<void>>();
	private readonly handedOver = new Set<string>();
	private readonly givenBack = new Set<string>();
	private stored: readonly string[] = this.order;

	/**
	 * The ids to store, oldest first (at most 1,000): those handled, then those handed to n8n and
	 * not yet accepted.
	 */
	get eventIds(): readonly string[] {
		return this.stored;
	}

	/**
	 * Takes in the list n8n loaded from its database for this request: ids saved by another n8n
	 * process, or by this one before a restart. Entries that are not event ids are dropped (a list
	 * stored before ids were checked may hold anything), and so are ids this process handed to n8n
	 * and has not settled or gave back.
	 */
	absorb(stored: unknown): void {
		if (!Array.isArray(stored)) return;
		// Usually the list this process saved last: nothing to merge.
		if (
			stored.length === this.stored.length &&
			stored.every((id, index) => id === this.stored[index])
		) {
			return;
		}
		const valid = stored.filter(
			(id): id is string =>
				isStripeId(id, 'evt_') && !this.handedOver.has(id) && !this.givenBack.has(id),
		);
		const merged = mergeSeenEventIds(this.order, valid, SEEN_EVENT_ID_LIMIT);
		if (merged === this.order) return;
		this.order = merged;
		this.members = new Set(merged);
		this.restore();
	}

	/**
	 * Claims `eventId` for this delivery: `claimed` (go on, then commit or release), `seen` (already
	 * handled) or `in-flight` (another delivery of it is being handled; wait for `settled` and claim
	 * again, because that one may still release it).
	 */
	claim(eventId: string): EventClaim {
		if (this.members.has(eventId)) return { outcome: 'seen' };
		const pending = this.inFlight.get(eventId);
		if (pending !== undefined) return { outcome: 'in-flight', settled: pending };
		let settle: () => void = () => {};
		this.inFlight.set(eventId, new Promise<void>((resolve) => (settle = resolve)));
		let done = false;
		const finish = (remember: boolean): void => {
			if (done) return;
			done = true;
			const wasHandedOver = this.handedOver.delete(eventId);
			if (remember) {
				this.givenBack.delete(eventId);
				this.remember(eventId);
			} else if (wasHandedOver) {
				this.giveBack(eventId);
			}
			this.restore();
			this.inFlight.delete(eventId);
			settle();
		};
		const handOver = (): void => {
			if (done || this.handedOver.has(eventId)) return;
			this.handedOver.add(eventId);
			this.restore();
		};
		return {
			outcome: 'claimed',
			handOver,
			commit: () => finish(true),
			release: () => finish(false),
		};
	}

	private remember(eventId: string): void {
		const next = rememberEventId(this.order, eventId);
		if (next === undefined) return;
		const dropped = this.order.length + 1 - next.length;
		for (const forgotten of this.order.slice(0, dropped)) this.members.delete(forgotten);
		this.order = next;
		this.members.add(eventId);
	}

	private giveBack(eventId: string): void {
		this.givenBack.add(eventId);
		if (this.givenBack.size <= GIVEN_BACK_LIMIT) return;
		const oldest = this.givenBack.values().next().value;
		if (oldest !== undefined) this.givenBack.delete(oldest);
	}

	/** Recomputes the list to store after the handled or handed-over ids changed. */
	private restore(): void {
		if (this.handedOver.size === 0) {
			this.stored = this.order;
			return;
		}
		const waiting = [...this.handedOver].filter((id) => !this.members.has(id));
		const all = [...this.order, ...waiting];
		this.stored =
			all.length > SEEN_EVENT_ID_LIMIT ? all.slice(all.length - SEEN_EVENT_ID_LIMIT) : all;
	}
}

// One ledger per trigger node, workflow and webhook mode (a test listener's deliveries are not the
// production ones), for the lifetime of the process. 1,000 ids of about 30 bytes each per node.
const ledgers = new Map<string, EventLedger>();

/** This process's ledger for one trigger node (by workflow id, node name and webhook mode). */
export function eventLedgerFor(workflowId: string, nodeName: string, mode: string): EventLedger {
	const key = JSON.stringify([workflowId, nodeName, mode]);
	let ledger = ledgers.get(key);
	if (ledger === undefined) {
		ledger = new EventLedger();
		ledgers.set(key, ledger);
	}
	return ledger;
}
