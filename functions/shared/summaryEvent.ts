import { digestOf } from './eventKey';
import type { JobEvent } from './jobEvents';

/**
 * The one summary event of a run (Reconciliation Completed, Tip Batch Completed). It is about no
 * single account, payout or amount, so those are null. Its eventKey is `keyPrefix` and a digest of
 * `results`: a re-run that found the same is dropped by consumers as a duplicate, one that found
 * more is not.
 */
export function buildSummaryEvent(
	source: string,
	detailType: string,
	summary: { keyPrefix: string; results: unknown; detail: Record<string, unknown> },
): JobEvent {
	return {
		source,
		detailType,
		detail: {
			eventKey: `${summary.keyPrefix}:${digestOf(summary.results)}`,
			account: null,
			payout: null,
			amount: null,
			currency: null,
			...summary.detail,
		},
	};
}
