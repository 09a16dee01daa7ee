import { createHash, randomUUID } from 'crypto';

import { isV2Path } from './formEncoding';
import type { StripeRequest } from './request';

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
 * How the Idempotency-Key of a POST is chosen:
 * - `rerunSafe` (the default): derived from what is sent, so the same item sent again by the same node
 *   (a retried or re-run execution, within Stripe's 24 hours) gets Stripe's first answer back instead of
 *   moving money twice, while two identical items of one batch (different item index) both go through;
 * - `perExecution`: derived from the execution, so every new execution sends anew;
 * - `own`: the user's key.
 */
export type IdempotencyChoice =
	| { mode: 'rerunSafe' }
	| { mode: 'perExecution' }
	| { mode: 'own'; key: string };

/**
 * The re-run-safe Idempotency-Key: workflow, node, run, item and operation, plus the request itself
 * (method, path, Stripe-Account, Stripe-Context and the exact body sent). No execution id, so a new
 * execution with the same items sends the same keys; a changed amount or destination is a new key.
 */
export function deriveRerunSafeKey(
	scope: Omit<IdempotencyScope, 'executionId'>,
	request: Pick<StripeRequest, 'method' | 'path' | 'stripeAccount' | 'stripeContext'>,
	encodedBody: string,
): string {
	return digest([
		'rerun-safe',
		scope.workflowId,
		scope.nodeId,
		scope.runIndex,
		scope.itemIndex,
		scope.operation,
		request.method,
		request.path,
		request.stripeAccount ?? '',
		request.stripeContext ?? '',
		encodedBody,
	]);
}

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

/**
 * Whether a request carries an Idempotency-Key: every POST, and on API v2 every DELETE too (v2 makes
 * deletes idempotent by key, and stripe-node keys them).
 */
export function takesIdempotencyKey(request: Pick<StripeRequest, 'method' | 'path'>): boolean {
	return request.method === 'POST' || (request.method === 'DELETE' && isV2Path(request.path));
}
