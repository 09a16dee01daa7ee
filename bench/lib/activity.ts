import { performance } from 'node:perf_hooks';

/** When a server's log first and last grew, in seconds (performance clock of this process). */
export interface ActivitySpan {
	firstSeconds: number | undefined;
	lastSeconds: number | undefined;
	/** last − first, or 0 when nothing happened. */
	spanSeconds: number;
}

/**
 * Polls a growing count (a server's request log) to time a phase of a workload running in
 * another process, e.g. "first to last Stripe response". Accurate to the polling interval.
 */
export function watchActivity(count: () => number, intervalMs = 20): { stop(): ActivitySpan } {
	let seen = count();
	let first: number | undefined;
	let last: number | undefined;
	const poll = () => {
		const current = count();
		if (current === seen) return;
		const at = performance.now() / 1000;
		first ??= at;
		last = at;
		seen = current;
	};
	const timer = setInterval(poll, intervalMs);
	return {
		stop: () => {
			poll();
			clearInterval(timer);
			return {
				firstSeconds: first,
				lastSeconds: last,
				spanSeconds: first === undefined || last === undefined ? 0 : last - first,
			};
		},
	};
}
