/**
 * Sandbox fixtures of the trigger's suites and benchmark: the stripe SDK pointed at the sandbox, the
 * payout that fails tomorrow most scenarios start from, and thin events recorded at the sandbox with
 * the notification Stripe delivers for them.
 */
import Stripe from 'stripe';

import type { StripeSandbox } from '../../../stripe-sandbox';

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
 * Thin v1.payout.failed events the sandbox recorded, each on a connected account of its own: a thin
 * destination at a closed port makes the sandbox create them, then is deleted, so a trigger
 * activated afterwards receives only what the caller sends. Clears the request log.
 */
export async function recordThinEvents(
	sandbox: StripeSandbox,
	count: number,
): Promise<RecordedThinEvent[]> {
	const stripe = sandboxStripe(sandbox);
	const elsewhere = await stripe.v2.core.eventDestinations.create({
		name: 'elsewhere',
		type: 'webhook_endpoint',
		event_payload: 'thin',
		events_from: ['@accounts'],
		enabled_events: ['v1.payout.failed'],
		webhook_endpoint: { url: 'http://127.0.0.1:9/closed' },
	});
	const recorded: Array<Omit<RecordedThinEvent, 'id'>> = [];
	for (let index = 0; index < count; index += 1) {
		const account = sandbox.state.createConnectedAccount({}).id as string;
		const payout = sandbox.state.createManualPayout({ account, amount: 100, currency: 'eur' });
		sandbox.state.emitEvent({
			type: 'payout.failed',
			account,
			object: payout as unknown as Record<string, unknown>,
		});
		recorded.push({ account, payout: payout.id as string });
	}
	await sandbox.flushDeliveries();
	await stripe.v2.core.eventDestinations.del(elsewhere.id);
	const thin = sandbox.deliveries().filter((delivery) => delivery.endpointId === elsewhere.id);
	sandbox.clearRequests();
	return recorded.map((event) => ({
		...event,
		id: thin.find((delivery) => delivery.account === event.account)!.eventId,
	}));
}

/** One thin event recorded at the sandbox (see recordThinEvents). */
export async function recordedThinEvent(sandbox: StripeSandbox): Promise<RecordedThinEvent> {
	const [event] = await recordThinEvents(sandbox, 1);
	return event;
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
