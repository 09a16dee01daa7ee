import { createHash } from 'crypto';

/** What makes one node call unique within n8n: the same values always give the same key. */
export interface IdempotencyScope {
	workflowId: string;
	executionId: string;
	nodeId: string;
	runIndex: number;
	itemIndex: number;
	operation: string;
}

/**
 * A deterministic Idempotency-Key for one POST: the same workflow execution, node, run, item and
 * operation always produce the same key, so n8n's "Retry On Fail" and our own retries replay the
 * first request instead of moving money twice. The workflow and node IDs keep two n8n instances that
 * share a Stripe account (and may reuse execution numbers) from colliding.
 */
export function deriveIdempotencyKey(scope: IdempotencyScope): string {
	const material = [
		scope.workflowId,
		scope.executionId,
		scope.nodeId,
		scope.runIndex,
		scope.itemIndex,
		scope.operation,
	].join('\u001f');
	return `n8n-${createHash('sha256').update(material).digest('hex').slice(0, 40)}`;
}

/** Checks a user-supplied key: Stripe accepts up to 255 printable characters. */
export function describeIdempotencyKeyProblem(key: string): string | undefined {
	if (key.length > 255) return 'is longer than 255 characters. Shorten it.';
	if (!/^[\x21-\x7e]+$/.test(key)) return 'may only contain printable characters without spaces.';
	return undefined;
}
