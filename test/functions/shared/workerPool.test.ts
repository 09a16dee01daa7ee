import { describe, expect, it } from 'vitest';

import { forEachConcurrently, WorkerPool } from '../../../functions/shared/workerPool';

/** A promise the test settles by hand. */
function gate() {
	let open!: () => void;
	let fail!: (error: unknown) => void;
	const promise = new Promise<void>((resolve, reject) => {
		open = resolve;
		fail = reject;
	});
	return { promise, open, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkerPool', () => {
	it('starts items in the order added, never more at once than its concurrency', async () => {
		const gates = new Map<number, ReturnType<typeof gate>>();
		const started: number[] = [];
		let running = 0;
		let peak = 0;
		const pool = new WorkerPool<number>(2, async (item) => {
			started.push(item);
			running++;
			peak = Math.max(peak, running);
			const itemGate = gate();
			gates.set(item, itemGate);
			await itemGate.promise;
			running--;
		});
		for (const item of [1, 2, 3, 4]) pool.add(item);
		expect(started).toEqual([1, 2]);
		gates.get(2)?.open();
		await tick();
		expect(started).toEqual([1, 2, 3]);
		pool.add(5);
		gates.get(1)?.open();
		await tick();
		expect(started).toEqual([1, 2, 3, 4]);
		const closed = pool.close();
		for (const item of [3, 4]) gates.get(item)?.open();
		await tick();
		gates.get(5)?.open();
		await closed;
		expect(started).toEqual([1, 2, 3, 4, 5]);
		expect(peak).toBe(2);
	});

	it('starts nothing new after an item fails, lets those in flight finish, and rethrows at close', async () => {
		const failure = new Error('killed');
		const finished: number[] = [];
		const slow = gate();
		const pool = new WorkerPool<number>(2, async (item) => {
			if (item === 1) await slow.promise;
			if (item === 2) throw failure;
			finished.push(item);
		});
		for (const item of [1, 2, 3, 4]) pool.add(item);
		await tick();
		expect(pool.failed).toBe(true);
		const closed = pool.close().catch((error: unknown) => error);
		slow.open();
		expect(await closed).toBe(failure);
		expect(finished).toEqual([1]);
	});

	it('drops the items not yet started when abandoned and waits for those in flight', async () => {
		const started: number[] = [];
		const slow = gate();
		const pool = new WorkerPool<number>(1, async (item) => {
			started.push(item);
			await slow.promise;
		});
		for (const item of [1, 2, 3]) pool.add(item);
		let abandoned = false;
		const abandoning = pool.abandon().then(() => {
			abandoned = true;
		});
		await tick();
		expect(abandoned).toBe(false);
		slow.open();
		await abandoning;
		expect(started).toEqual([1]);
		expect(() => pool.add(4)).toThrow(/closed/);
	});

	it('closes at once when it was given nothing to do', async () => {
		await expect(new WorkerPool<number>(3, async () => {}).close()).resolves.toBeUndefined();
	});
});

describe('forEachConcurrently', () => {
	it('runs every item once and rethrows the first failure', async () => {
		const seen: number[] = [];
		await forEachConcurrently([1, 2, 3, 4, 5], 3, async (item) => {
			await tick();
			seen.push(item);
		});
		expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
		await expect(
			forEachConcurrently([1, 2], 2, async (item) => {
				if (item === 2) throw new Error('item 2');
			}),
		).rejects.toThrow('item 2');
	});
});
