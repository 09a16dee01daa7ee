/** Checks the trigger's suites share (their sandbox fixtures are in sandboxEvents.ts). */
import { expect } from 'vitest';

import type { TriggerHarness } from '../../harness/runTrigger';

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
