/**
 * The one retry policy of the repository: which failed Stripe calls to try again, and how long to
 * wait first. The node, the trigger and the Lambda jobs all decide with these two functions, so a
 * failure is never retried by one product and given up by another.
 *
 * The rules follow Stripe's documented behaviour:
 * - `Stripe-Should-Retry` decides whenever Stripe sends it. Stripe sets it because only Stripe knows
 *   whether the request took effect or would fail the same way again (docs.stripe.com/error-low-level
 *   "Retrying requests"; stripe-node, stripe-python and stripe-php all let the header win, see
 *   stripe-node#692). `false` is final even on a 429: Stripe is saying a retry cannot succeed.
 * - Without the header: a 429 means "too many requests" — slow down and retry with exponential backoff
 *   (docs.stripe.com/rate-limits "Handling limiting gracefully"); 409 (a lock conflict, or the same
 *   idempotency key still in flight) and 5xx are retried, as the official SDKs do; any other 4xx is
 *   the caller's mistake and fails the same way every time.
 * - No answer at all (connection refused, reset, timed out) is retried: every write carries an
 *   Idempotency-Key, so a request that did reach Stripe is replayed, not repeated.
 *
 * No n8n or AWS import here: the package, the trigger and the jobs' bundles all include this file.
 */

/** What to do after a failed attempt. `slowDown` retries too, after lowering the request rate. */
export type RetryVerdict = 'retry' | 'slowDown' | 'fail';

/** What is known about a failed attempt. */
export interface FailedAttempt {
	/** Stripe's HTTP status; undefined when no answer arrived. */
	statusCode?: number;
	/** The `Stripe-Should-Retry` header as received (`'true'` / `'false'`), if any. */
	shouldRetryHeader?: string;
	/** True when the request failed before any HTTP answer (connection error, timeout). */
	connectionFailed?: boolean;
}

/** Classifies one failed attempt by Stripe's rules (see the file comment). */
export function classifyStripeFailure(attempt: FailedAttempt): RetryVerdict {
	if (attempt.connectionFailed) return 'retry';
	const { statusCode } = attempt;
	if (statusCode === undefined) return 'fail';
	const header = attempt.shouldRetryHeader?.trim().toLowerCase();
	if (header === 'false') return 'fail';
	if (statusCode === 429) return 'slowDown';
	if (header === 'true') return 'retry';
	return statusCode === 409 || statusCode >= 500 ? 'retry' : 'fail';
}

/** First wait before a retry; doubles on each attempt. */
export const RETRY_BASE_DELAY_MS = 500;

/** Upper bound on one wait, so a long retry chain stays bounded. */
export const RETRY_MAX_DELAY_MS = 8_000;

/** Default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;

/** Overrides of the backoff curve (the jobs' EventBridge publisher uses shorter steps). */
export interface BackoffCurve {
	baseMs: number;
	maxMs: number;
}

/**
 * Wait before retry number `retry` (0 for the first retry): capped exponential backoff with jitter
 * between half and all of the step, so clients that failed together spread out. `random` is
 * injectable for tests.
 */
export function backoffDelayMs(
	retry: number,
	random: () => number = Math.random,
	curve: BackoffCurve = { baseMs: RETRY_BASE_DELAY_MS, maxMs: RETRY_MAX_DELAY_MS },
): number {
	const step = Math.min(curve.maxMs, curve.baseMs * 2 ** retry);
	return Math.round(step * (0.5 + random() * 0.5));
}
