// Stripe's errors as the jobs recognise them: by the SDK's own error classes (Stripe.errors), never
// by guessing at an object's fields. The retry decision itself is the repository's one retry policy.
import Stripe from 'stripe';

import type { FailedAttempt } from '../../nodes/shared/transport/retryPolicy';

/** The SDK's error, or undefined for anything else (a bug, an error of another library). */
export function stripeErrorOf(error: unknown): Stripe.errors.StripeError | undefined {
	return error instanceof Stripe.errors.StripeError ? error : undefined;
}

/** A response header of a Stripe error (the SDK keeps them lowercased). */
export function stripeErrorHeader(
	error: Stripe.errors.StripeError,
	name: string,
): string | undefined {
	const value = error.headers?.[name];
	return typeof value === 'string' ? value : undefined;
}

/**
 * A failed call as the retry policy reads it. A connection error (refused, reset, timed out) has no
 * answer; any other SDK error carries Stripe's status and `Stripe-Should-Retry`; anything that is not
 * an SDK error is not Stripe's to retry.
 */
export function failedAttemptOf(error: unknown): FailedAttempt {
	if (error instanceof Stripe.errors.StripeConnectionError) return { connectionFailed: true };
	const stripeError = stripeErrorOf(error);
	if (stripeError === undefined) return {};
	return {
		statusCode: stripeError.statusCode,
		shouldRetryHeader: stripeErrorHeader(stripeError, 'stripe-should-retry'),
	};
}
