import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';
import type { IWebhookFunctions } from 'n8n-workflow';

import { backoffDelayMs } from '../shared/transport/retryPolicy';
import { MAX_STRIPE_ID_LENGTH } from './stripeIds';
import type { StripeCall } from './stripeRequest';
import { stripeRequest } from './stripeRequest';

/** The registration a claim is made on: a webhook endpoint, or an event destination. */
export interface ClaimTarget {
	kind: 'endpoint' | 'destination';
	id: string;
}

/**
 * How a claim at Stripe ended: `won` (this process starts the event), `taken` (another process or
 * an earlier attempt claimed it), `busy` (another claim is still running at Stripe after every wait)
 * or `unavailable` (Stripe could not answer; the caller starts the event rather than lose it).
 */
export type StripeClaimOutcome =
	| { outcome: 'won' | 'taken' | 'busy' }
	| { outcome: 'unavailable'; reason: string };

/**
 * How a claim Stripe answers 409 (another request with the key is still running) asks again: the
 * shared backoff on a short curve (steps of 0.1, 0.2, 0.4, 0.8 and 1.6 s, each with jitter), since
 * Stripe is waiting for this delivery's answer. The transport leaves 409 to this loop.
 */
export const CLAIM_BUSY_RETRIES = 5;
const CLAIM_BUSY_CURVE = { baseMs: 100, maxMs: 1600 };

/**
 * The Idempotency-Key of a claim: the endpoint (or destination) and the event, readable in Stripe's
 * request log (hashed only when two 255-character ids would exceed Stripe's 255-character key
 * limit). The registration is part of it because Stripe refuses one key on two paths, and two
 * triggers may both receive one event.
 */
export function claimIdempotencyKey(endpointId: string, eventId: string): string {
	const key = `n8n-event-claim:${endpointId}:${eventId}`;
	if (key.length <= MAX_STRIPE_ID_LENGTH) return key;
	const digest = createHash('sha256').update(`${endpointId}\n${eventId}`).digest('hex');
	return `n8n-event-claim:${digest}`;
}

/**
 * The claim request: an update of the trigger's own registration that changes nothing — an empty
 * v1 form on a webhook endpoint, an empty v2 JSON object on an event destination.
 */
function claimRequest(target: ClaimTarget, idempotencyKey: string): StripeCall {
	const id = encodeURIComponent(target.id);
	const base = { method: 'POST' as const, idempotencyKey, returnedStatuses: [404, 409] };
	return target.kind === 'endpoint'
		? { ...base, path: `/v1/webhook_endpoints/${id}`, body: {} }
		: { ...base, path: `/v2/core/event_destinations/${id}`, body: {} };
}

/**
 * Claims an event at Stripe, the one store every n8n process of a queue-mode installation shares
 * and can change atomically: a request with an Idempotency-Key runs once; a later request with the
 * same key is answered with the first result and `Idempotent-Replayed: true`, one made while the
 * first still runs with 409. The request itself changes nothing (an update of the trigger's own
 * endpoint or destination with no parameters). v1 keys live 24 hours at Stripe. In API v2 a key
 * whose first request failed runs again, so an error is never replayed to every process.
 */
export async function claimEventAtStripe(
	context: IWebhookFunctions,
	target: ClaimTarget,
	eventId: string,
): Promise<StripeClaimOutcome> {
	const request = claimRequest(target, claimIdempotencyKey(target.id, eventId));
	for (let attempt = 0; ; attempt += 1) {
		let statusCode: number;
		let replayed: boolean;
		try {
			const response = await stripeRequest(context, request);
			statusCode = response.statusCode;
			replayed = response.idempotentReplayed;
		} catch (error) {
			return { outcome: 'unavailable', reason: (error as Error).message };
		}
		if (statusCode === 404) {
			const what = target.kind === 'endpoint' ? 'webhook endpoint' : 'event destination';
			return { outcome: 'unavailable', reason: `Stripe has no ${what} ${target.id}` };
		}
		if (statusCode !== 409) return { outcome: replayed ? 'taken' : 'won' };
		if (attempt >= CLAIM_BUSY_RETRIES) return { outcome: 'busy' };
		await sleep(backoffDelayMs(attempt, Math.random, CLAIM_BUSY_CURVE));
	}
}
