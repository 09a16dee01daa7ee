/**
 * Pieces the trigger's suites share: the stripe SDK pointed at the sandbox, the payout that fails
 * tomorrow most scenarios start from, a thin event recorded at the sandbox, and the check that a
 * failed delete was logged.
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

/** A thin event the sandbox holds: its id, the account it happened on (its context) and the payout. */
export interface RecordedThinEvent {
	id: string;
	account: string;
	payout: string;
}

/**
 * A thin v1.payout.failed the sandbox recorded on a connected account: a thin destination at a
 * closed port makes the sandbox create it, then is deleted, so the trigger receives only what the
 * test sends.
 */
export async function recordedThinEvent(sandbox: StripeSandbox): Promise<RecordedThinEvent> {
	const stripe = sandboxStripe(sandbox);
	const elsewhere = await stripe.v2.core.eventDestinations.create({
		name: 'elsewhere',
		type: 'webhook_endpoint',
		event_payload: 'thin',
		events_from: ['@accounts'],
		enabled_events: ['v1.payout.failed'],
		webhook_endpoint: { url: 'http://127.0.0.1:9/closed' },
	});
	const account = sandbox.state.createConnectedAccount({}).id as string;
	const payout = sandbox.state.createManualPayout({ account, amount: 100, currency: 'eur' });
	sandbox.state.emitEvent({
		type: 'payout.failed',
		account,
		object: payout as unknown as Record<string, unknown>,
	});
	await sandbox.flushDeliveries();
	await stripe.v2.core.eventDestinations.del(elsewhere.id);
	const [delivered] = sandbox.deliveries();
	sandbox.clearRequests();
	return { id: delivered.eventId, account, payout: payout.id as string };
}

/** The thin notification of a recorded event as Stripe delivers it, with overrides. */
export function thinEventBody(
	facts: RecordedThinEvent,
	overrides: Record<string, unknown> = {},
): string {
	return JSON.stringify({
		id: facts.id,
		object: 'v2.core.event',
		type: 'v1.payout.failed',
		created: '2026-11-02T10:00:00.000Z',
		context: facts.account,
		livemode: false,
		related_object: { id: facts.payout, type: 'payout', url: `/v1/payouts/${facts.payout}` },
		...overrides,
	});
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
