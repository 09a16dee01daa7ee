import { sleep } from 'n8n-workflow';

/**
 * Pacing of Stripe requests: one pacer per Stripe key and base URL, shared by every item, every
 * execution and both nodes of the process, because Stripe limits the account, not the workflow.
 *
 * A pacer is a token bucket (`requestsPerSecond`, with a burst of four fifths of a second's worth; see
 * `BURST_SECONDS`) plus a cap on requests in flight. Requests wait in order. A 429 empties the bucket
 * and lowers the rate by a quarter; every second without a 429 gives back a tenth of the configured rate,
 * so a burst that overran the limit slows the whole process down instead of every item hammering
 * Stripe on its own schedule. Waiting uses n8n's `sleep` (node code may not use timers directly).
 */

/** Stripe's documented limits: about 25 requests/s in test mode and 100 in live mode. */
export const TEST_MODE_REQUESTS_PER_SECOND = 25;
export const LIVE_MODE_REQUESTS_PER_SECOND = 100;

/** The lowest rate a run of 429s can push the pacer down to. */
const MINIMUM_REQUESTS_PER_SECOND = 1;

/** Share of the configured rate restored per second without a 429. */
const RECOVERY_PER_SECOND = 0.1;

/** What a 429 leaves of the current rate. */
const SLOW_DOWN_FACTOR = 0.75;

/**
 * The burst, in seconds of the rate. Stripe's limiter allows about one second's worth, but it counts
 * from when requests arrive and the pacer from when it hands out slots: the first requests of a burst
 * reach Stripe later than the ones after them (new connections, the item's own work), so a pacer
 * that spent the whole second at once ran ahead of Stripe's bucket and met 429s that then slowed the
 * whole batch down (bulk-transfers benchmark: 7–10 per 1,000 items at 100/s, 0.4–0.7 s lost to the
 * slow-down). Keeping a fifth of a second in reserve absorbs that lag: no 429 in the same runs.
 */
const BURST_SECONDS = 0.8;

/** 429s closer together than this are one event (the requests that were in flight together). */
const SLOW_DOWN_STEP_MS = 500;

/** How a pacer is configured (from the credential). */
export interface PacingLimits {
	requestsPerSecond: number;
	maxInFlight: number;
}

/** A clock in milliseconds; injectable so tests need not wait. */
export type Clock = () => number;

/** A slot to send one request; give it back with `release()` when the answer (or failure) is in. */
export interface PacerSlot {
	release(): void;
	/** Gives the slot and its token back unused: nothing was sent (the item's input was refused). */
	cancel(): void;
}

/** Token bucket plus in-flight cap with adaptive slow-down (see the file comment). */
export class StripePacer {
	private tokens: number;
	private rate: number;
	private inFlight = 0;
	private updatedAt: number;
	private lastSlowDownAt = Number.NEGATIVE_INFINITY;
	private readonly waiting: Array<() => void> = [];
	private pumping = false;

	constructor(
		private limits: PacingLimits,
		private readonly now: Clock = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.rate = limits.requestsPerSecond;
		this.tokens = this.burst();
		this.updatedAt = now();
	}

	/** The current rate in requests per second (lower than configured after 429s). */
	get currentRate(): number {
		this.refill();
		return this.rate;
	}

	/** Requests now waiting for a slot. */
	get queued(): number {
		return this.waiting.length;
	}

	/** Applies new limits (the credential changed) without losing the queue; the rate starts afresh. */
	configure(limits: PacingLimits): void {
		if (
			limits.requestsPerSecond === this.limits.requestsPerSecond &&
			limits.maxInFlight === this.limits.maxInFlight
		) {
			return;
		}
		this.refill();
		this.limits = limits;
		this.rate = limits.requestsPerSecond;
		this.tokens = Math.min(this.tokens, this.burst());
		void this.pump();
	}

	/** Waits until a request may leave: a token is available and fewer than the cap are in flight. */
	async acquire(): Promise<PacerSlot> {
		if (this.waiting.length === 0 && this.tryTake()) return this.slot();
		await new Promise<void>((admitted) => {
			this.waiting.push(admitted);
			void this.pump();
		});
		return this.slot();
	}

	/**
	 * Stripe answered 429: stop the burst and lower the rate by a quarter. The 429s of requests that
	 * were already in flight together count once (one step per half second), so a burst does not
	 * drive the rate to the floor.
	 */
	slowDown(): void {
		this.refill();
		this.tokens = Math.min(this.tokens, 0);
		const now = this.now();
		if (now - this.lastSlowDownAt < SLOW_DOWN_STEP_MS) return;
		this.rate = Math.max(MINIMUM_REQUESTS_PER_SECOND, this.rate * SLOW_DOWN_FACTOR);
		this.lastSlowDownAt = now;
	}

	private burst(): number {
		return Math.max(1, this.rate * BURST_SECONDS);
	}

	private slot(): PacerSlot {
		let released = false;
		const release = (tokenUsed: boolean) => {
			if (released) return;
			released = true;
			this.inFlight -= 1;
			if (!tokenUsed) this.tokens = Math.min(this.burst(), this.tokens + 1);
			void this.pump();
		};
		return { release: () => release(true), cancel: () => release(false) };
	}

	private refill(): void {
		const now = this.now();
		const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
		this.updatedAt = now;
		const configured = this.limits.requestsPerSecond;
		if (this.rate < configured && now - this.lastSlowDownAt >= 1000) {
			this.rate = Math.min(
				configured,
				this.rate + configured * RECOVERY_PER_SECOND * elapsedSeconds,
			);
		}
		this.tokens = Math.min(this.burst(), this.tokens + elapsedSeconds * this.rate);
	}

	private tryTake(): boolean {
		if (this.inFlight >= this.limits.maxInFlight) return false;
		this.refill();
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		this.inFlight += 1;
		return true;
	}

	/** One loop at a time hands out slots in order, sleeping until the next token is due. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting.length > 0) {
				// A full in-flight cap is lifted by release(), which pumps again.
				if (this.inFlight >= this.limits.maxInFlight) return;
				if (this.tryTake()) {
					this.waiting.shift()?.();
					continue;
				}
				await this.wait(Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000)));
			}
		} finally {
			this.pumping = false;
		}
	}
}

const pacers = new Map<string, StripePacer>();

/**
 * The process-wide pacer for one Stripe key and base URL (`pacerKey` is a digest of both, never the
 * key itself). Created on first use; later calls apply the credential's current limits.
 */
export function pacerFor(pacerKey: string, limits: PacingLimits): StripePacer {
	const existing = pacers.get(pacerKey);
	if (existing) {
		existing.configure(limits);
		return existing;
	}
	const pacer = new StripePacer(limits);
	pacers.set(pacerKey, pacer);
	return pacer;
}
