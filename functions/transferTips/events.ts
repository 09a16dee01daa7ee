import type { JobEvent, JobEventDetail } from '../shared/jobEvents';
import { buildSummaryEvent } from '../shared/summaryEvent';
import type { InvalidTip, TipGroup } from './aggregate';
import type { SettledDecision, TransferResult } from './outcomes';
import { transferGroupOf, type TipDecision, type TransferRecord } from './plan';
import type { TipBatchSummary } from './summary';

/** EventBridge source of every tip event. */
export const TIPS_SOURCE = 'stripe-connect.tips';

/** The detail-types this job publishes, exactly as consumers match them. */
export const TIPS_DETAIL_TYPES = {
	created: 'Tip Transfer Created',
	planned: 'Tip Transfer Planned',
	skipped: 'Tip Transfer Skipped',
	failed: 'Tip Transfer Failed',
	completed: 'Tip Batch Completed',
} as const;

/**
 * An event about one recipient's transfer for the period. Its eventKey names the recipient, the
 * currency and the outcome, so every run that reaches the same outcome announces it with the same key.
 */
function recipientEvent(
	outcome: 'created' | 'planned' | 'skipped' | 'failed',
	periodId: string,
	group: TipGroup,
	detail: Pick<JobEventDetail, 'amount' | 'currency'> & Record<string, unknown>,
): JobEvent {
	return {
		source: TIPS_SOURCE,
		detailType: TIPS_DETAIL_TYPES[outcome],
		detail: {
			eventKey: `tips:${periodId}:${group.recipient}:${group.currency}:${outcome}`,
			account: group.recipient,
			payout: null,
			...detail,
		},
	};
}

/** Tip Transfer Created: the same eventKey whether this run created it or found it already made. */
export function buildTransferCreatedEvent(
	periodId: string,
	group: TipGroup,
	transfer: TransferRecord,
	foundExisting: boolean,
): JobEvent {
	return recipientEvent('created', periodId, group, {
		amount: transfer.amount,
		currency: transfer.currency,
		transfer: transfer.id,
		transferGroup: transferGroupOf(periodId),
		period: periodId,
		tipCount: group.tipCount,
		foundExisting,
	});
}

/** Tip Transfer Planned (dry run): what would be sent, and its Idempotency-Key. */
export function buildTransferPlannedEvent(
	periodId: string,
	decision: Extract<TipDecision, { kind: 'transfer' }>,
): JobEvent {
	return recipientEvent('planned', periodId, decision.group, {
		amount: decision.params.amount,
		currency: decision.params.currency,
		transferGroup: decision.params.transfer_group,
		period: periodId,
		tipCount: decision.group.tipCount,
		idempotencyKey: decision.idempotencyKey,
	});
}

/** Tip Transfer Skipped for a recipient. */
export function buildTransferSkippedEvent(
	periodId: string,
	decision: Extract<TipDecision, { kind: 'skip' }>,
): JobEvent {
	return recipientEvent('skipped', periodId, decision.group, {
		amount: decision.group.amount,
		currency: decision.group.currency,
		period: periodId,
		tipCount: decision.group.tipCount,
		reason: decision.reason,
		message: decision.message,
	});
}

/** Tip Transfer Skipped for a payment whose tip metadata is unusable. */
export function buildInvalidTipEvent(periodId: string, invalid: InvalidTip): JobEvent {
	return {
		source: TIPS_SOURCE,
		detailType: TIPS_DETAIL_TYPES.skipped,
		detail: {
			eventKey: `tips:${periodId}:invalid:${invalid.paymentIntent}`,
			account: null,
			payout: null,
			amount: null,
			currency: invalid.currency,
			period: periodId,
			paymentIntent: invalid.paymentIntent,
			reason: 'invalid_tip_metadata',
			field: invalid.field,
			message: `${invalid.field} ${invalid.message}`,
		},
	};
}

/** Tip Transfer Failed, with Stripe's reason. */
export function buildTransferFailedEvent(
	periodId: string,
	decision: Extract<TipDecision, { kind: 'transfer' }>,
	failure: Extract<TransferResult, { kind: 'failed' }>,
): JobEvent {
	return recipientEvent('failed', periodId, decision.group, {
		amount: decision.params.amount,
		currency: decision.params.currency,
		transferGroup: decision.params.transfer_group,
		period: periodId,
		tipCount: decision.group.tipCount,
		failureCode: failure.code ?? null,
		failureMessage: failure.message,
		stripeRequestId: failure.requestId ?? null,
		outcomeUnknown: failure.outcomeUnknown,
		replayedFromEarlierRun: failure.replayed,
		idempotencyKey: decision.idempotencyKey,
	});
}

/**
 * The one Tip Batch Completed event of a run. Its eventKey depends on the period and the results,
 * so the summary of a re-run that completed the batch is not dropped as a duplicate.
 */
export function buildBatchCompletedEvent(summary: TipBatchSummary, durationMs: number): JobEvent {
	return buildSummaryEvent(TIPS_SOURCE, TIPS_DETAIL_TYPES.completed, {
		keyPrefix: `tips-completed:${summary.period}${summary.dryRun ? ':dry-run' : ''}`,
		results: { counts: summary.counts, totalsByCurrency: summary.totalsByCurrency },
		detail: { ...summary, notReached: summary.notReached.slice(0, 100), durationMs },
	});
}

/** The event announcing one decision's outcome; none for a transfer the time budget did not reach. */
export function eventForOutcome(
	periodId: string,
	{ decision, result }: SettledDecision,
): JobEvent | undefined {
	if (decision.kind === 'already_transferred') {
		return buildTransferCreatedEvent(periodId, decision.group, decision.transfer, true);
	}
	if (decision.kind === 'skip') return buildTransferSkippedEvent(periodId, decision);
	if (result === undefined) return buildTransferPlannedEvent(periodId, decision);
	if (result.kind === 'created') {
		return buildTransferCreatedEvent(periodId, decision.group, result.transfer, false);
	}
	if (result.kind === 'failed') return buildTransferFailedEvent(periodId, decision, result);
	return undefined;
}
