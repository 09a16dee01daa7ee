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
 * How long, and how many, handled ids one process remembers per trigger node. Stripe delivers an
 * event again for up to three days when it saw no 2xx (live mode; test mode retries for a few
 * hours), and an answer can be lost after n8n accepted the execution (Stripe stopped waiting), so a
 * retry of an event this process started can come days and many thousands of events later: the
 * stored list (the newest 1,000) cannot cover that on a busy platform, the process's memory can.
 * 100,000 ids take about 10 MB at most; only a trigger receiving more than 100,000 events within
 * three days forgets an id before Stripe stops retrying it.
 */
export const PROCESS_MEMORY = { horizonMs: 3 * 24 * 60 * 60_000, limit: 100_000 };

/**
 * The event ids one trigger node has handled in this n8n process, and the ones being handled right
 * now. n8n gives every request its own copy of the workflow's static data, loaded before the node
 * runs and saved whole after it (last save wins), so two requests in flight never see each other's
 * ids there. The ledger is what they share: a claim is taken synchronously, before the delivery's
 * first await, so two deliveries of one event cannot both pass it; and every delivery writes the
 * ledger's newest ids into its own copy, so whichever save lands last carries them all.
 *
 * The process remembers every id it handled for Stripe's redelivery horizon (`PROCESS_MEMORY`);
 * the list it stores is the newest 1,000 (what another process or a restart learns).
 *
 * An event handed to n8n is in that list before n8n has accepted its execution (a request's save
 * may land before the acceptance, and must not lose the id). If n8n then cannot start it, its id is
 * given back: dropped from the list, and never taken back from a stored list that still holds it,
 * so Stripe's next delivery starts it.
 */
export class EventLedger {
	/** Every id remembered, oldest first, with when it was remembered (ms). */
	private readonly remembered = new Map<string, number>();
	/** The newest remembered ids (at most 1,000), oldest first. */
	private recent: readonly string[] = [];
	private readonly inFlight = new Map<string, Promise<void>>();
	private readonly handedOver = new Set<string>();
	private readonly givenBack = new Set<string>();
	private stored: readonly string[] = this.recent;

	constructor(
		private readonly memory = PROCESS_MEMORY,
		private readonly now: () => number = Date.now,
	) {}

	/**
	 * The ids to store, oldest first (at most 1,000): the newest handled, then those handed to n8n
	 * and not yet accepted.
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
		const learned = valid.filter((id) => !this.remembered.has(id));
		if (learned.length === 0) return;
		const rememberedAt = this.now();
		for (const id of learned) this.remembered.set(id, rememberedAt);
		this.recent = mergeSeenEventIds(this.recent, valid, SEEN_EVENT_ID_LIMIT);
		this.forgetBeyondMemory(rememberedAt);
		this.restore();
	}

	/**
	 * Claims `eventId` for this delivery: `claimed` (go on, then commit or release), `seen` (already
	 * handled) or `in-flight` (another delivery of it is being handled; wait for `settled` and claim
	 * again, because that one may still release it).
	 */
	claim(eventId: string): EventClaim {
		if (this.remembered.has(eventId)) return { outcome: 'seen' };
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
		if (this.remembered.has(eventId)) return;
		const rememberedAt = this.now();
		this.remembered.set(eventId, rememberedAt);
		this.recent = rememberEventId(this.recent, eventId) ?? this.recent;
		this.forgetBeyondMemory(rememberedAt);
	}

	/** Forgets the oldest ids: those older than the horizon, and those beyond the limit. */
	private forgetBeyondMemory(now: number): void {
		for (const [id, rememberedAt] of this.remembered) {
			const tooOld = now - rememberedAt > this.memory.horizonMs;
			if (!tooOld && this.remembered.size <= this.memory.limit) return;
			this.remembered.delete(id);
		}
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
			this.stored = this.recent;
			return;
		}
		const waiting = [...this.handedOver].filter((id) => !this.remembered.has(id));
		const all = [...this.recent, ...waiting];
		this.stored =
			all.length > SEEN_EVENT_ID_LIMIT ? all.slice(all.length - SEEN_EVENT_ID_LIMIT) : all;
	}
}

// One ledger per trigger node, workflow and webhook mode (a test listener's deliveries are not the
// production ones), for the lifetime of the process (memory: see PROCESS_MEMORY).
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
