import { createHash, randomUUID } from 'crypto';

/** Where a node call sits in n8n: the parts of an idempotency key that are not the request. */
export interface IdempotencyScope {
	workflowId: string;
	executionId: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
	operation: string;
}

function digest(parts: ReadonlyArray<string | number>): string {
	// A separator that cannot occur in the parts keeps ('a','bc') and ('ab','c') apart.
	return `n8n-${createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 40)}`;
}

/**
 * A per-execution Idempotency-Key: the same execution, node, run, item and operation always give the
 * same key, so n8n's Retry On Fail and the transport's own retries replay the first request. A new
 * execution gets new keys, so it pays again even with the same items.
 */
export function deriveIdempotencyKey(scope: IdempotencyScope): string {
	return digest([
		scope.workflowId,
		scope.executionId,
		scope.nodeId,
		scope.runIndex,
		scope.itemIndex,
		scope.operation,
	]);
}

/**
 * How the Idempotency-Key of a POST is chosen: derived for each execution (a new execution pays
 * again), or the user's own key.
 */
export type IdempotencyChoice = { mode: 'perExecution' } | { mode: 'own'; key: string };

/** Checks a user-supplied key: Stripe accepts up to 255 printable characters. */
export function describeIdempotencyKeyProblem(key: string): string | undefined {
	if (key.length > 255) return 'is longer than 255 characters. Shorten it.';
	if (!/^[\x21-\x7e]+$/.test(key)) return 'may only contain printable characters without spaces.';
	return undefined;
}

/** A random key for a POST nobody keyed (the trigger's own calls): retries of it stay safe. */
export function randomIdempotencyKey(): string {
	return `n8n-${randomUUID()}`;
}
