import type Stripe from 'stripe';

import { RequestBudget, type RequestBudgetOptions } from '../../functions/shared/requestBudget';
import { createStripeClient } from '../../functions/shared/stripeClient';
import type { StripeSandbox } from '../../stripe-sandbox';

/** The jobs' real Stripe client, aimed at a sandbox. */
export function stripeFor(sandbox: StripeSandbox): Stripe {
	return createStripeClient(sandbox.secretKey, new URL(sandbox.url));
}

/** A request budget with the production retry rules but millisecond backoffs, so suites stay fast. */
export function testBudget(overrides: Partial<RequestBudgetOptions> = {}): RequestBudget {
	return new RequestBudget({
		requestsPerSecond: 1000,
		maxConcurrency: 8,
		maxAttempts: 5,
		baseDelayMs: 2,
		maxDelayMs: 20,
		...overrides,
	});
}

/** A time budget that allows `checks` calls of shouldStop() and then says stop. */
export function stopAfterChecks(checks: number) {
	let remaining = checks;
	return {
		shouldStop: () => remaining-- <= 0,
		remainingMs: () => (remaining > 0 ? 60_000 : 0),
	};
}
