import { mergeSeenEventIds, rememberEventId, SEEN_EVENT_ID_LIMIT } from './seenEvents';
import { isStripeId } from './stripeIds';

/** What a delivery learns when it claims its event id in the process's ledger. */
export type EventClaim =
	| {
			outcome: 'claimed';
			/** The event started (or another process started it): remember its id. */
			commit: () => void;
			/** Nothing started (Stripe will deliver again): forget the claim. */
			release: () => void;
	  }
	| { outcome: 'seen' }
	| { outcome: 'in-flight'; settled: Promise<void> };

/**
 * The event ids one trigger node has handled in this n8n process, and the ones being handled right
 * now. n8n gives every request its own copy of the workflow's static data, loaded before the node
 * runs and saved whole after it (last save wins), so two requests in flight never see each other's
 * ids there. The ledger is what they share: a claim is taken synchronously, before the delivery's
 * first await, so two deliveries of one event cannot both pass it; and every delivery writes the
 * ledger's whole list into its own copy, so whichever save lands last carries every id.
 */
export class EventLedger {
	private order: readonly string[] = [];
	private members = new Set<string>();
	private readonly inFlight = new Map<string, Promise<void>>();

	/** The remembered ids, oldest first (at most 1,000). */
	get eventIds(): readonly string[] {
		return this.order;
	}

	/**
	 * Takes in the list n8n loaded from its database for this request: ids saved by another n8n
	 * process, or by this one before a restart. Entries that are not event ids are dropped (a list
	 * stored before ids were checked may hold anything).
	 */
	absorb(stored: unknown): void {
		if (!Array.isArray(stored)) return;
		// Usually the list this process saved last: nothing to merge.
		if (
			stored.length === this.order.length &&
			stored.every((id, index) => id === this.order[index])
		) {
			return;
		}
		const valid = stored.filter((id): id is string => isStripeId(id, 'evt_'));
		const merged = mergeSeenEventIds(this.order, valid, SEEN_EVENT_ID_LIMIT);
		if (merged === this.order) return;
		this.order = merged;
		this.members = new Set(merged);
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
			if (remember) this.remember(eventId);
			this.inFlight.delete(eventId);
			settle();
		};
		return { outcome: 'claimed', commit: () => finish(true), release: () => finish(false) };
	}

	private remember(eventId: string): void {
		const next = rememberEventId(this.order, eventId);
		if (next === undefined) return;
		const dropped = this.order.length + 1 - next.length;
		for (const forgotten of this.order.slice(0, dropped)) this.members.delete(forgotten);
		this.order = next;
		this.members.add(eventId);
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
