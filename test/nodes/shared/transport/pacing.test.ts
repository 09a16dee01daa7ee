import { describe, expect, it } from 'vitest';

import { StripePacer, pacerFor, type PacerSlot } from '../../../../nodes/shared/transport/pacing';

/**
 * A pacer on a fake clock: a wait lets the callers admitted so far run, then advances the clock, so
 * rates are exact and the tests take no time.
 */
function fakePacer(requestsPerSecond: number, maxInFlight = 1000) {
	let now = 0;
	const pacer = new StripePacer(
		{ requestsPerSecond, maxInFlight },
		() => now,
		async (ms) => {
			await new Promise((resolve) => setImmediate(resolve));
			now += ms;
		},
	);
	return { pacer, clock: () => now, advance: (ms: number) => (now += ms) };
}

async function admitAll(pacer: StripePacer, count: number, clock: () => number) {
	const times: number[] = [];
	const slots = await Promise.all(
		Array.from({ length: count }, async () => {
			const slot = await pacer.acquire();
			times.push(clock());
			return slot;
		}),
	);
	return { times, slots };
}

describe('StripePacer', () => {
	it('lets a burst of four fifths of a second through, then paces at the rate, in order', async () => {
		const { pacer, clock } = fakePacer(25);

		const { times, slots } = await admitAll(pacer, 75, clock);
		slots.forEach((slot) => slot.release());

		expect(times.slice(0, 20)).toEqual(Array(20).fill(0));
		expect(times[20]).toBe(40);
		expect(times[74]).toBe(2200);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});

	it('never has more than the cap in flight', async () => {
		const { pacer, clock } = fakePacer(1000, 3);
		const first = await admitAll(pacer, 3, clock);
		let fourth: PacerSlot | undefined;
		const waiting = pacer.acquire().then((slot) => (fourth = slot));

		await Promise.resolve();
		expect(fourth).toBeUndefined();
		expect(pacer.queued).toBe(1);
		first.slots[0].release();
		await waiting;
		expect(fourth).toBeDefined();
	});

	it('stops the burst and lowers the rate by a quarter on a 429, then recovers a tenth per second', async () => {
		const { pacer, clock, advance } = fakePacer(100);
		pacer.slowDown();
		expect(pacer.currentRate).toBe(75);

		const { times } = await admitAll(pacer, 3, clock);
		// 75 per second: a token every 13⅓ ms (waits are whole milliseconds).
		const gaps = [times[0], times[1] - times[0], times[2] - times[1]];
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(13);
		expect(times[2]).toBeLessThanOrEqual(42);

		advance(1000);
		expect(pacer.currentRate).toBeCloseTo(85, 5);
		advance(10_000);
		expect(pacer.currentRate).toBe(100);
	});

	it('counts the 429s of requests that were in flight together once', () => {
		const { pacer, advance } = fakePacer(100);
		pacer.slowDown();
		pacer.slowDown();
		pacer.slowDown();
		expect(pacer.currentRate).toBe(75);
		advance(600);
		pacer.slowDown();
		expect(pacer.currentRate).toBeCloseTo(56.25, 5);
	});

	it('gives the token back when a slot is cancelled because nothing was sent', async () => {
		const { pacer, clock } = fakePacer(2);
		const { slots } = await admitAll(pacer, 2, clock);
		slots[0].cancel();
		slots[1].release();

		// The bucket was empty; the cancelled slot's token lets the next request leave at once.
		const cancelledAt = clock();
		const { times } = await admitAll(pacer, 2, clock);
		expect(times).toEqual([cancelledAt, cancelledAt + 500]);
	});
});

describe('pacerFor', () => {
	it('gives every caller with the same key and host one pacer, with the current limits', () => {
		const first = pacerFor('pacerFor-test-key-a', { requestsPerSecond: 25, maxInFlight: 25 });
		const again = pacerFor('pacerFor-test-key-a', { requestsPerSecond: 10, maxInFlight: 10 });
		const other = pacerFor('pacerFor-test-key-b', { requestsPerSecond: 25, maxInFlight: 25 });

		expect(again).toBe(first);
		expect(first.currentRate).toBe(10);
		expect(other).not.toBe(first);
	});
});
