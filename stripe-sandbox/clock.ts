/**
 * The sandbox clock in unix seconds. It stands still unless advanced, so `created` fields and
 * payout settlement are deterministic; webhook signatures use the wall clock instead.
 */
export class SandboxClock {
	private current: number;

	constructor(start = Math.floor(Date.now() / 1000)) {
		this.current = start;
	}

	/** The sandbox's current time in unix seconds. */
	now(): number {
		return this.current;
	}

	/** Moves the clock forward; it never goes back. */
	advance(seconds: number): number {
		if (!Number.isFinite(seconds) || seconds < 0) {
			throw new Error(`advanceTime needs a non-negative number of seconds, got ${seconds}`);
		}
		this.current += Math.floor(seconds);
		return this.current;
	}
}

/** A unix time as v2 writes timestamps: RFC 3339, UTC, millisecond precision (`2026-01-05T12:00:00.000Z`). */
export function rfc3339(unixSeconds: number): string {
	return new Date(unixSeconds * 1000).toISOString();
}
