import { describe, expect, it } from 'vitest';

import {
	chooseSliceCount,
	estimateRemainingPages,
	MIN_SAMPLE_SECONDS,
	sliceCreatedRange,
} from '../../../functions/transferTips/paymentSlices';

describe('sliceCreatedRange', () => {
	it('covers every second of the range exactly once, newest slice first', () => {
		for (const [gte, lt, count] of [
			[1_000, 1_010, 3],
			[0, 604_800, 4],
			[17, 18, 5],
			[100, 1_100, 16],
		]) {
			const slices = sliceCreatedRange({ gte, lt }, count);
			expect(slices.length).toBe(Math.min(count, lt - gte));
			expect(slices[0].lt).toBe(lt);
			expect(slices.at(-1)?.gte).toBe(gte);
			for (let index = 1; index < slices.length; index++) {
				// Contiguous: each slice ends where the newer one begins, so a payment created exactly on
				// a boundary belongs to the newer slice only.
				expect(slices[index].lt).toBe(slices[index - 1].gte);
				expect(slices[index].gte).toBeLessThan(slices[index].lt);
			}
		}
	});

	it('puts a boundary second in exactly one slice', () => {
		const slices = sliceCreatedRange({ gte: 0, lt: 100 }, 4);
		expect(slices).toEqual([
			{ gte: 75, lt: 100 },
			{ gte: 50, lt: 75 },
			{ gte: 25, lt: 50 },
			{ gte: 0, lt: 25 },
		]);
		for (const second of [0, 24, 25, 49, 50, 74, 75, 99]) {
			expect(slices.filter((slice) => slice.gte <= second && second < slice.lt)).toHaveLength(1);
		}
	});

	it('returns no slice for an empty range and one for a count below one', () => {
		expect(sliceCreatedRange({ gte: 5, lt: 5 }, 3)).toEqual([]);
		expect(sliceCreatedRange({ gte: 5, lt: 9 }, 0)).toEqual([{ gte: 5, lt: 9 }]);
	});
});

describe('estimateRemainingPages', () => {
	const page = (newest: number, spacing: number, size = 100) =>
		Array.from({ length: size }, (_, index) => ({ created: newest - index * spacing }));

	it('extrapolates the first page’s density down to the start of the range', () => {
		// 100 payments 30 s apart: 99 per 2,970 s; 597,000 s left hold about 19,900 more, 199 pages.
		const first = page(600_000, 30);
		expect(estimateRemainingPages(first, first.at(-1)!.created - 597_000 + 1, 100)).toBe(199);
	});

	it('gives no estimate from a burst shorter than the sample window', () => {
		expect(estimateRemainingPages(page(10_000, 0), 0, 100)).toBe(1);
		const justEnough = page(10_000 + MIN_SAMPLE_SECONDS, MIN_SAMPLE_SECONDS / 99);
		expect(estimateRemainingPages(justEnough, 0, 100)).toBeGreaterThan(1);
	});
});

describe('chooseSliceCount', () => {
	it('spends at most the allowed share of extra calls, within the concurrency', () => {
		const twoPercent = { extraPageRatio: 0.02, maxSlices: 16 };
		// The benchmark's week: 199 pages left allow 3 extra calls, so 4 slices.
		expect(chooseSliceCount(199, twoPercent)).toBe(4);
		expect(chooseSliceCount(49, twoPercent)).toBe(1);
		expect(chooseSliceCount(50, twoPercent)).toBe(2);
		expect(chooseSliceCount(100_000, twoPercent)).toBe(16);
		expect(chooseSliceCount(3, { extraPageRatio: 1, maxSlices: 16 })).toBe(3);
		expect(chooseSliceCount(1, { extraPageRatio: 1, maxSlices: 16 })).toBe(1);
	});
});
