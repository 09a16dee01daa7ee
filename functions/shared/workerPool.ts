// The one concurrency mechanism of the jobs: accounts reconciled side by side, tip transfers created
// side by side, PutEvents requests in flight while a job works. Each caller says what one item of
// work is; the pool decides when it starts.

/**
 * Runs items of work with at most `concurrency` at once, starting them in the order they were
 * added; items may be added while others run. When a work item throws, nothing new starts (the
 * items in flight finish, those queued never start) and close() rethrows that first error.
 */
export class WorkerPool<T> {
	private readonly queue: T[] = [];
	private next = 0;
	private running = 0;
	private closed = false;
	private failure: { error: unknown } | undefined;
	private idle: Array<() => void> = [];

	constructor(
		private readonly concurrency: number,
		private readonly work: (item: T) => Promise<void>,
	) {
		if (!(concurrency >= 1)) throw new RangeError('concurrency must be >= 1');
	}

	/** Queues one item; it starts as soon as fewer than `concurrency` items are running. */
	add(item: T): void {
		if (this.closed) throw new Error('This worker pool is closed: add work before close().');
		this.queue.push(item);
		this.startWaiting();
	}

	/** True once an item threw: work that runs in steps checks it to stop between steps. */
	get failed(): boolean {
		return this.failure !== undefined;
	}

	/** No more items: resolves once every item added has run; rethrows the first item's error. */
	async close(): Promise<void> {
		this.closed = true;
		await this.settled();
		if (this.failure !== undefined) throw this.failure.error;
	}

	/** Drops the items not yet started and waits for those in flight; never throws. */
	async abandon(): Promise<void> {
		this.closed = true;
		this.queue.length = 0;
		this.next = 0;
		await this.settled();
	}

	private startWaiting(): void {
		while (
			this.running < this.concurrency &&
			this.next < this.queue.length &&
			this.failure === undefined
		) {
			const item = this.queue[this.next++];
			this.running++;
			void this.run(item);
		}
		if (this.next === this.queue.length && this.next > 0) {
			// Everything queued has started: forget it, so a long-lived pool holds only what waits.
			this.queue.length = 0;
			this.next = 0;
		}
	}

	private async run(item: T): Promise<void> {
		try {
			await this.work(item);
		} catch (error) {
			this.failure ??= { error };
		} finally {
			this.running--;
			this.startWaiting();
			if (this.running === 0) for (const wake of this.idle.splice(0)) wake();
		}
	}

	private async settled(): Promise<void> {
		const pending = () => this.running > 0 || (this.next < this.queue.length && !this.failed);
		while (pending()) await new Promise<void>((resolve) => this.idle.push(resolve));
	}
}

/** Runs `work` on every item, at most `concurrency` at once, in order of start; rethrows the first error. */
export async function forEachConcurrently<T>(
	items: readonly T[],
	concurrency: number,
	work: (item: T) => Promise<void>,
): Promise<void> {
	const pool = new WorkerPool(Math.max(1, concurrency), work);
	for (const item of items) pool.add(item);
	await pool.close();
}
