// Reads the jobs start ahead of the decision that needs them (the tip run reads the platform balance
// while it still looks up recipients). Such a read's failure must neither be lost nor surface as an
// unhandled rejection while nothing awaits it yet: it is held as a value until the decision reads it.

/** A promise's outcome as a value: its result, or the error it failed with. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Waits for `promise` and resolves with its outcome; never rejects. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}

/** The value of a settled read, or its failure thrown here, where the decision that needs it reads it. */
export function valueOf<T>(settled: Settled<T>): T {
	if (!settled.ok) throw settled.error;
	return settled.value;
}
