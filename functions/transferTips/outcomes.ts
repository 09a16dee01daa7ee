import { stripeErrorHeader, stripeErrorOf } from '../shared/stripeErrors';
import type { TipDecision, TransferRecord } from './plan';

/** How a planned transfer ended. */
export type TransferResult =
	| { kind: 'created'; transfer: TransferRecord }
	| {
			kind: 'failed';
			code: string | undefined;
			message: string;
			requestId: string | undefined;
			statusCode: number | undefined;
			/** True when Stripe may have created it (5xx after execution, timeout): the next run will know. */
			outcomeUnknown: boolean;
			/** Stripe replayed a refusal stored for this Idempotency-Key by an earlier run. */
			replayed: boolean;
	  }
	| { kind: 'not_reached' };

/** One decision and how it ended, for the summary. */
export interface SettledDecision {
	decision: TipDecision;
	result?: TransferResult;
}

/** A transfer Stripe answered (created or refused): its event can be published at once. */
export function answeredByStripe(settled: SettledDecision): boolean {
	return settled.decision.kind === 'transfer' && settled.result !== undefined;
}

/**
 * What a transfer that failed after its retries means: Stripe's reason, and whether the transfer
 * may exist after all. A 5xx, a 409 or a lost connection (no status) may have happened after Stripe
 * created it; so may anything that is not an answer from Stripe.
 */
export function transferFailureOf(error: unknown): Extract<TransferResult, { kind: 'failed' }> {
	const stripeError = stripeErrorOf(error);
	const status = stripeError?.statusCode;
	return {
		kind: 'failed',
		code: stripeError?.code,
		message: error instanceof Error ? error.message : String(error),
		requestId: stripeError?.requestId,
		statusCode: status,
		outcomeUnknown: status === undefined || status >= 500 || status === 409,
		replayed:
			stripeError !== undefined && stripeErrorHeader(stripeError, 'idempotent-replayed') === 'true',
	};
}
