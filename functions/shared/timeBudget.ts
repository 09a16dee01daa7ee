/** Tells a job when to stop starting new work so it finishes before the Lambda deadline. */
export interface TimeBudget {
	/** True once the remaining time is within the reserve: finish what is in flight, start nothing new. */
	shouldStop(): boolean;
	remainingMs(): number;
}

/** The part of the Lambda context the time budget needs. */
export interface DeadlineSource {
	getRemainingTimeInMillis(): number;
}

/** A budget that stops `reserveMs` before the invocation's deadline. */
export function timeBudgetFromContext(context: DeadlineSource, reserveMs: number): TimeBudget {
	return {
		shouldStop: () => context.getRemainingTimeInMillis() <= reserveMs,
		remainingMs: () => context.getRemainingTimeInMillis(),
	};
}

/** A budget that never runs out (local runs). */
export const UNLIMITED_TIME: TimeBudget = {
	shouldStop: () => false,
	remainingMs: () => Number.POSITIVE_INFINITY,
};
