import { performance } from 'node:perf_hooks';

import { median } from './statistics';

/** Per-operation cost of a synchronous function. */
export interface OperationCost {
	/** Median over batches, in microseconds per operation. */
	microseconds: number;
	batches: number;
	operationsPerBatch: number;
}

function timeBatch(operation: () => unknown, operations: number): number {
	const started = performance.now();
	for (let index = 0; index < operations; index++) operation();
	return performance.now() - started;
}

/**
 * Times several synchronous operations in batches of about `batchMs` each, after a warm-up, and
 * returns the median microseconds per call of each. Batches run in turn (a, b, c, a, b, c, …) so a
 * burst of load on a shared machine slows every operation alike, and the median drops the
 * batches such a burst hit.
 */
export function costsPerOperation<K extends string>(
	operations: Record<K, () => unknown>,
	options: { batches?: number; batchMs?: number } = {},
): Record<K, OperationCost> {
	const batches = options.batches ?? 21;
	const batchMs = options.batchMs ?? 20;
	const names = Object.keys(operations) as K[];
	const sizes = {} as Record<K, number>;
	for (const name of names) {
		// Warm up (JIT) and size a batch to about batchMs.
		let size = 1;
		while (timeBatch(operations[name], size) < batchMs / 4) size *= 2;
		sizes[name] = size * 4;
	}
	const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
		K,
		number[]
	>;
	for (let batch = 0; batch < batches; batch++) {
		for (const name of names) {
			samples[name].push((timeBatch(operations[name], sizes[name]) * 1000) / sizes[name]);
		}
	}
	return Object.fromEntries(
		names.map((name) => [
			name,
			{ microseconds: median(samples[name]), batches, operationsPerBatch: sizes[name] },
		]),
	) as Record<K, OperationCost>;
}
