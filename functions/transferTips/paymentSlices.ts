/** A `created` filter as Stripe lists take it: [gte, lt) in Unix seconds. */
export interface CreatedRange {
	gte: number;
	lt: number;
}

/** How the period's payments are read in parallel: each slice is its own cursor chain. */
export interface PaymentSlicing {
	/**
	 * Extra list calls allowed, as a share of the pages the rest of the period is estimated to need.
	 * Each slice ends with at most one partial page, so n slices cost at most n − 1 extra calls.
	 */
	extraPageRatio: number;
	/** Never more slices than this (the request budget's concurrency: more could not run at once). */
	maxSlices: number;
}

/** 2 %: the tip job's call target is 1.02 × the minimum its data requires. */
export const DEFAULT_EXTRA_PAGE_RATIO = 0.02;

/**
 * Splits [gte, lt) into at most `count` contiguous half-open ranges, newest first. Every second
 * belongs to exactly one range, so a payment created exactly on a boundary is read once, by the
 * newer range (whose `gte` it equals).
 */
export function sliceCreatedRange(range: CreatedRange, count: number): CreatedRange[] {
	const width = range.lt - range.gte;
	if (width <= 0) return [];
	const slices = Math.max(1, Math.min(Math.floor(count), width));
	const bound = (index: number) => range.gte + Math.floor((width * index) / slices);
	const ranges: CreatedRange[] = [];
	for (let index = slices - 1; index >= 0; index--) {
		ranges.push({ gte: bound(index), lt: bound(index + 1) });
	}
	return ranges;
}

/**
 * A first page spanning less than this says little about the rest of the period (a burst of
 * payments), so the rest is then read as one chain rather than paying for slices that may be empty.
 */
export const MIN_SAMPLE_SECONDS = 60;

/**
 * Estimates the pages still to read below a full first page (newest first), from the density of
 * that page: its items per second, times the seconds left down to `gte`. A page spanning less than
 * MIN_SAMPLE_SECONDS gives no estimate: 1.
 */
export function estimateRemainingPages(
	firstPage: ReadonlyArray<{ created: number }>,
	gte: number,
	pageSize: number,
): number {
	if (firstPage.length < 2) return 1;
	const newest = firstPage[0].created;
	const oldest = firstPage[firstPage.length - 1].created;
	if (newest - oldest < MIN_SAMPLE_SECONDS) return 1;
	const secondsLeft = oldest - gte + 1;
	// Multiply before dividing: exact for whole-number densities.
	const items = ((firstPage.length - 1) * secondsLeft) / (newest - oldest);
	return Math.max(1, Math.ceil(items / pageSize));
}

/** How many slices to read the rest of the period in, within the extra calls the ratio allows. */
export function chooseSliceCount(estimatedPages: number, slicing: PaymentSlicing): number {
	const affordable = 1 + Math.floor(estimatedPages * slicing.extraPageRatio);
	return Math.max(1, Math.min(slicing.maxSlices, affordable, estimatedPages));
}
