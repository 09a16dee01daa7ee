/** Retry policy for Stripe requests: which answers to retry and how long to wait. */

/** First wait before a retry; doubles on each attempt. */
export const RETRY_BASE_DELAY_MS = 500;

/** Upper bound on one wait, so a long retry chain stays bounded. */
export const RETRY_MAX_DELAY_MS = 8_000;

/** Default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Whether a Stripe answer should be retried. `Stripe-Should-Retry` decides when present (Stripe knows
 * whether the request took effect); otherwise 409 (lock conflict / idempotent request in progress),
 * 429 (rate limit) and 5xx are retried, and no answer at all (network failure) is retried because the
 * request carries an idempotency key or only reads.
 */
export function shouldRetryStripeResponse(
	statusCode: number | undefined,
	headers: Record<string, unknown> | undefined,
): boolean {
	const shouldRetryHeader = headers?.['stripe-should-retry'];
	if (shouldRetryHeader === 'false') return false;
	if (shouldRetryHeader === 'true') return true;
	if (statusCode === undefined) return true;
	return statusCode === 409 || statusCode === 429 || statusCode >= 500;
}

/**
 * Wait before retry number `attempt` (0-based): capped exponential backoff with jitter between half
 * and all of the step, so simultaneous clients spread out. `random` is injectable for tests.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
	const step = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** attempt);
	return Math.round(step * (0.5 + random() * 0.5));
}
