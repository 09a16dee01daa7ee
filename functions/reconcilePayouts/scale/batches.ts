// Scale mode, pure part: how the planner cuts the connected accounts into batches, how a worker finds
// its batch again, and how the summary step merges the batches' results. No I/O here.
import type { JobEvent } from '../../shared/jobEvents';
import { buildReconciliationCompletedEvent } from '../events';
import { emptySummary, mergeSummaries, type ReconciliationSummary } from '../summary';
import type { ReconciliationWindow } from '../window';

/**
 * A batch as a range of Stripe's account list (newest first): the accounts after `after` (from the
 * top when null) through `through`. Ranges keep the Step Functions state small whatever the platform
 * size, where explicit id lists would hit its 256 KB payload limit at about 10,000 accounts.
 */
export interface AccountRange {
	after: string | null;
	through: string;
	/** The first account of the next batch: a worker also stops there if `through` was deleted meanwhile. */
	next: string | null;
	/** How many accounts the planner saw in the range. */
	size: number;
}

/** What the planner hands to the state machine. */
export interface ReconciliationPlan {
	runId: string;
	startedAt: string;
	/** The window every batch reconciles, in Unix seconds, so the batch summaries can be merged. */
	window: ReconciliationWindow;
	/** Unix seconds; the same "now" for every batch decides which payouts are overdue. */
	now: number;
	accountCount: number;
	batches: AccountRange[];
}

/** One worker's input: the plan's shared fields plus its batch (built by the map's ItemSelector). */
export interface BatchInput {
	runId: string;
	batchIndex: number;
	batch: AccountRange;
	window: ReconciliationWindow;
	now: number;
}

/** One worker's result. */
export interface BatchResult {
	batchIndex: number;
	summary: ReconciliationSummary;
}

/**
 * Step Functions caps a state's data at 256 KB, and the summary step receives the plan and every
 * batch's result together: 200 batches of about 100 bytes of plan and 1 KB of result each stay under
 * it. Larger platforms raise the batch size (up to 1,000 accounts per batch, 200,000 in all).
 */
export const MAX_BATCHES = 200;

/** Cuts the account list (in Stripe's order) into consecutive ranges of at most `batchSize` accounts. */
export function planAccountRanges(accountIds: string[], batchSize: number): AccountRange[] {
	if (!Number.isInteger(batchSize) || batchSize < 1) {
		throw new RangeError(
			`SCALE_BATCH_SIZE must be a whole number of at least 1, got ${batchSize}.`,
		);
	}
	const ranges: AccountRange[] = [];
	for (let start = 0; start < accountIds.length; start += batchSize) {
		const end = Math.min(start + batchSize, accountIds.length);
		ranges.push({
			after: start === 0 ? null : accountIds[start - 1],
			through: accountIds[end - 1],
			next: end < accountIds.length ? accountIds[end] : null,
			size: end - start,
		});
	}
	return ranges;
}

/** Throws, naming the setting to change, when a plan has more batches than the state machine can carry. */
export function assertPlanFits(plan: ReconciliationPlan, batchSize: number): void {
	if (plan.batches.length > MAX_BATCHES) {
		const needed = Math.ceil(plan.accountCount / MAX_BATCHES);
		throw new RangeError(
			`${plan.accountCount} accounts make ${plan.batches.length} batches of ${batchSize}, more than the ${MAX_BATCHES} ` +
				`the state machine's 256 KB payload can carry. Raise the scaleBatchSize stage parameter (SCALE_BATCH_SIZE) to at least ${needed}.`,
		);
	}
}

/**
 * Where a worker's scan of the account list stands after one more page: the accounts of its range
 * so far, and whether it is done. Accounts created after planning appear at the top of the list and
 * so join the first range; an account deleted after planning simply is not there.
 */
export function collectRangeAccounts(
	range: AccountRange,
	collected: string[],
	page: string[],
): { accounts: string[]; done: boolean } {
	const accounts = [...collected];
	for (const id of page) {
		if (id === range.next) return { accounts, done: true };
		accounts.push(id);
		if (id === range.through) return { accounts, done: true };
	}
	return { accounts, done: false };
}

/** A batch whose boundaries have both disappeared would otherwise scan the rest of the list. */
export function rangeScanLimit(range: AccountRange): number {
	return range.size * 2 + 100;
}

/** A batch whose worker failed after its retries, as the summary event lists it. */
export interface FailedBatch {
	batchIndex: number;
	after: string | null;
	through: string;
	size: number;
}

/** What the summary step receives: the plan, the map's results, and the map's error when it gave up. */
export interface SummaryInput extends ReconciliationPlan {
	batchResults?: unknown[];
	fanOutError?: { Error?: string; Cause?: string };
}

/** The run's merged outcome. */
export interface RunSummary {
	summary: ReconciliationSummary;
	failedBatches: FailedBatch[];
	/** False when more batches failed than tolerated and the map stopped. */
	complete: boolean;
}

function isBatchResult(value: unknown): value is BatchResult {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Partial<BatchResult>;
	return (
		typeof candidate.batchIndex === 'number' &&
		typeof candidate.summary === 'object' &&
		candidate.summary !== null &&
		typeof candidate.summary.window === 'object'
	);
}

/**
 * Merges the batch summaries with the jobs' merger and lists every planned batch without a result
 * (failed, or never run because the map stopped), so no account goes unreported.
 */
export function summarizeRun(input: SummaryInput): RunSummary {
	const results = (input.batchResults ?? []).filter(isBatchResult);
	const summary = mergeSummaries([
		emptySummary(input.window),
		...results.map((result) => result.summary),
	]);
	const finished = new Set(results.map((result) => result.batchIndex));
	const failedBatches = input.batches.flatMap((batch, batchIndex) =>
		finished.has(batchIndex)
			? []
			: [{ batchIndex, after: batch.after, through: batch.through, size: batch.size }],
	);
	// Accounts of failed batches were planned but never reconciled: count them in the total.
	summary.accounts.total += failedBatches.reduce((sum, batch) => sum + batch.size, 0);
	return { summary, failedBatches, complete: input.fanOutError === undefined };
}

/** The one Reconciliation Completed event of a scale run: the jobs' event plus the batch outcome. */
export function buildScaleCompletedEvent(
	run: RunSummary,
	durationMs: number,
	runId: string,
): JobEvent {
	const event = buildReconciliationCompletedEvent(run.summary, durationMs);
	return {
		...event,
		detail: {
			...event.detail,
			mode: 'scale',
			runId,
			complete: run.complete,
			failedBatches: run.failedBatches,
		},
	};
}
