import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';
import type { IWebhookFunctions } from 'n8n-workflow';

import { MAX_STRIPE_ID_LENGTH } from './stripeIds';
import { stripeRequest } from './stripeRequest';

/**
 * How a claim at Stripe ended: `won` (this process starts the event), `taken` (another process or
 * an earlier attempt claimed it), `busy` (another claim is still running at Stripe after every wait)
 * or `unavailable` (Stripe could not answer; the caller starts the event rather than lose it).
 */
export type StripeClaimOutcome =
	| { outcome: 'won' | 'taken' | 'busy' }
	| { outcome: 'unavailable'; reason: string };

/** Waits between claims Stripe answers 409 (another request with the key is still running). */
export const CLAIM_BUSY_WAITS_MS = [100, 200, 400, 800, 1600];

/**
 * The Idempotency-Key of a claim: the endpoint and the event, readable in Stripe's request log
 * (hashed only when two 255-character ids would exceed Stripe's 255-character key limit). The
 * endpoint is part of it because Stripe refuses one key on two paths, and two triggers may both
 * receive one event.
 */
export function claimIdempotencyKey(endpointId: string, eventId: string): string {
	const key = `n8n-event-claim:${endpointId}:${eventId}`;
	if (key.length <= MAX_STRIPE_ID_LENGTH) return key;
	const digest = createHash('sha256').update(`${endpointId}\n${eventId}`).digest('hex');
	return `n8n-event-claim:${digest}`;
}

/**
 * Claims an event at Stripe, the one store every n8n process of a queue-mode installation shares
 * and can change atomically: a request with an Idempotency-Key runs once; a later request with the
 * same key is answered with the first result and `Idempotent-Replayed: true`, one made while the
 * first still runs with 409. The request itself changes nothing (an update of the trigger's own
 * endpoint with no parameters). Keys live 24 hours at Stripe.
 */
export async function claimEventAtStripe(
	context: IWebhookFunctions,
	endpointId: string,
	eventId: string,
): Promise<StripeClaimOutcome> {
	const idempotencyKey = claimIdempotencyKey(endpointId, eventId);
	for (let attempt = 0; ; attempt += 1) {
		let statusCode: number;
		let replayed: boolean;
		try {
			const response = await stripeRequest(context, {
				method: 'POST',
				path: `/v1/webhook_endpoints/${encodeURIComponent(endpointId)}`,
				form: {},
				idempotencyKey,
				returnedStatuses: [404, 409],
			});
			statusCode = response.statusCode;
			replayed = String(response.headers['idempotent-replayed']) === 'true';
		} catch (error) {
			return { outcome: 'unavailable', reason: (error as Error).message };
		}
		if (statusCode === 404) {
			return { outcome: 'unavailable', reason: `Stripe has no webhook endpoint ${endpointId}` };
		}
		if (statusCode !== 409) return { outcome: replayed ? 'taken' : 'won' };
		if (attempt >= CLAIM_BUSY_WAITS_MS.length) return { outcome: 'busy' };
		await sleep(CLAIM_BUSY_WAITS_MS[attempt]);
	}
}
