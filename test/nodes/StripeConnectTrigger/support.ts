/** Checks the trigger's suites share (their sandbox fixtures are in sandboxEvents.ts). */
import { expect } from 'vitest';

import { DEFAULT_MAX_RETRIES } from '../../../nodes/shared/transport/retryPolicy';
import type { TriggerHarness } from '../../harness/runTrigger';

/**
 * How many times one Stripe call is sent when Stripe keeps answering 5xx: the first attempt and
 * the transport's retries. A fault injected this many times is an outage, not a blip.
 */
export const ATTEMPTS_OF_A_FAILING_CALL = 1 + DEFAULT_MAX_RETRIES;

/** Deactivation logged one error naming the registration and Stripe's status, never its secret. */
export function expectFailedDeleteLogged(
	harness: TriggerHarness,
	registration: { id: string; secret: string },
): void {
	const errors = harness.logs.filter((line) => line.level === 'error');
	expect(errors).toHaveLength(1);
	expect(errors[0].message).toContain(registration.id);
	expect(errors[0].message).toContain('500');
	expect(errors[0].message).not.toContain(registration.secret);
}
