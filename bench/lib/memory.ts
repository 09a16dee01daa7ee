/**
 * Peak memory of the process doing the work. Each memory-sensitive workload runs in a fresh Node
 * process (see freshProcess.ts), away from the sandbox serving it, so the figures are the job's own,
 * as a Lambda would count them.
 */

const MB = 2 ** 20;

/** Memory figures of one workload, in MB. */
export interface MemoryFigures {
	/** Resident set size when the work started (runtime, loaded code, tsx's transpiler). */
	baselineRssMB: number;
	/** The kernel's high-water mark of the process RSS (`process.resourceUsage().maxRSS`): what a Lambda's memory limit applies to. */
	peakRssMB: number;
	/** Highest V8 heap in use seen by sampling every few milliseconds. */
	peakHeapUsedMB: number;
	/** Heap in use when the work started. */
	baselineHeapUsedMB: number;
}

/**
 * Samples heap use on a timer while work runs; RSS comes from the kernel's own high-water mark,
 * which also catches peaks between samples.
 */
export class PeakMemorySampler {
	private timer: NodeJS.Timeout | undefined;
	private peakHeapUsed = 0;
	private baselineRss = 0;
	private baselineHeapUsed = 0;

	/** Records the baseline and starts sampling. */
	start(intervalMs = 5): void {
		const usage = process.memoryUsage();
		this.baselineRss = usage.rss;
		this.baselineHeapUsed = usage.heapUsed;
		this.peakHeapUsed = usage.heapUsed;
		this.timer = setInterval(() => this.sample(), intervalMs);
		this.timer.unref();
	}

	/** Takes a sample now (call it at points where memory is likely highest). */
	sample(): void {
		this.peakHeapUsed = Math.max(this.peakHeapUsed, process.memoryUsage().heapUsed);
	}

	/** Stops sampling and returns the figures. */
	stop(): MemoryFigures {
		this.sample();
		if (this.timer) clearInterval(this.timer);
		return {
			baselineRssMB: this.baselineRss / MB,
			// maxRSS is in kilobytes.
			peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
			peakHeapUsedMB: this.peakHeapUsed / MB,
			baselineHeapUsedMB: this.baselineHeapUsed / MB,
		};
	}
}
