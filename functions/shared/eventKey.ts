import { createHash } from 'node:crypto';

/**
 * A short, stable digest of a value (object keys sorted), for summary eventKeys: a re-run that
 * finds the same results yields the same key (consumers drop the duplicate), a re-run with other
 * results yields a new one (consumers see it).
 */
export function digestOf(value: unknown): string {
	const canonical = JSON.stringify(value, (_key, nested: unknown) =>
		nested !== null && typeof nested === 'object' && !Array.isArray(nested)
			? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => a.localeCompare(b)))
			: nested,
	);
	return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
