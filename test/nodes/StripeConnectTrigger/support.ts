/**
 * Pieces the trigger's suites share: the stripe SDK pointed at the sandbox, the payout that fails
 * tomorrow most scenarios start from, and the check that a failed delete was logged.
 */
import Stripe from 'stripe';
import { expect } from 'vitest';

import type { StripeSandbox } from '../../../stripe-sandbox';
import type { TriggerHarness } from '../../harness/runTrigger';

/** The stripe SDK talking to the sandbox, without retries, as the reference for what goes on the wire. */
export function sandboxStripe(sandbox: StripeSandbox): Stripe {
	return new Stripe(sandbox.secretKey, {
		host: '127.0.0.1',
		port: sandbox.port,
		protocol: 'http',
		maxNetworkRetries: 0,
		telemetry: false,
	});
}

/** A payout on a connected account (a new one by default) that fails when it arrives tomorrow. */
export function failingPayout(
	sandbox: StripeSandbox,
	account = sandbox.state.createConnectedAccount({}).id as string,
): { account: string; payout: string } {
	const payout = sandbox.state.createAutomaticPayout({
		account,
		currency: 'eur',
		amount: 12_500,
		status: 'pending',
		willFail: true,
		failure_code: 'account_closed',
	}).id as string;
	return { account, payout };
}

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
