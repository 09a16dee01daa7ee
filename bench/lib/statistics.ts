/** The median of some samples. */
export function median(samples: number[]): number {
	if (samples.length === 0) throw new RangeError('median of no samples');
	const sorted = [...samples].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
