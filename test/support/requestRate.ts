import { performance } from 'node:perf_hooks';

/** The request rates a server's log shows. */
export interface RequestRate {
	/** The most requests within any span of at least one second, per second. */
	peakPerSecond: number;
	/** Requests per second from the first to the last request. */
	averagePerSecond: number;
	requests: number;
}

/**
 * Samples a server's growing request count (the sandbox's log) every `intervalMs`: the rates the
 * server saw, not the rates the clients were configured for. The sandbox logs a request when it
 * answers it, so a busy process (or a stalled event loop) packs requests closer in the log than
 * they were sent; the peak second shows that, the average does not.
 */
export function watchRequestRate(count: () => number, intervalMs = 25): { stop(): RequestRate } {
	const samples: Array<{ at: number; count: number }> = [{ at: performance.now(), count: count() }];
	const timer = setInterval(
		() => samples.push({ at: performance.now(), count: count() }),
		intervalMs,
	);
	return {
		stop() {
			clearInterval(timer);
			samples.push({ at: performance.now(), count: count() });
			let peak = 0;
			let start = 0;
			for (let end = 1; end < samples.length; end++) {
				while (start + 1 < end && samples[end].at - samples[start + 1].at >= 1000) start++;
				const span = samples[end].at - samples[start].at;
				if (span < 1000) continue;
				peak = Math.max(peak, ((samples[end].count - samples[start].count) * 1000) / span);
			}
			const first = samples.findIndex((sample) => sample.count > samples[0].count);
			const last = samples.findIndex(
				(sample) => sample.count === samples[samples.length - 1].count,
			);
			const requests = samples[samples.length - 1].count - samples[0].count;
			// The first growth shows in the sample after the request; the span runs from the one before.
			const span = first < 1 ? 0 : samples[last].at - samples[first - 1].at;
			return {
				peakPerSecond: peak,
				averagePerSecond: span > 0 ? (requests * 1000) / span : 0,
				requests,
			};
		},
	};
}
