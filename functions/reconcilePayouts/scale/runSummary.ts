// Scale mode, pure part: how the summary step turns the map's results into the run's outcome and its
// one Reconciliation Completed event, and how many failed batches a run tolerates. No I/O here.
import type { JobEvent } from '../../shared/jobEvents';
import { buildReconciliationCompletedEvent, MAX_NAMED_SHORTFALLS } from '../events';
import { emptySummary, mergeSummaries, type ReconciliationSummary } from '../summary';
import type { BatchFailure, BatchResult, ReconciliationPlan } from './batches';

/** A batch the run did not finish, as the summary event names it: its range and why. */
export interface FailedBatch {
	batchIndex: number;
	after: string | null;
	through: string;
	size: number;
	error: string;
	cause: string;
}

/** What the summary step receives: the plan, the map's results, and the map's own error if it failed. */
export interface SummaryInput extends ReconciliationPlan {
	batchResults?: unknown[];
	/** Set by the map's Catch: the map failed as a whole, and Step Functions keeps no result of it. */
	fanOutError?: { Error?: string; Cause?: string };
}

/** The run's merged outcome. */
export interface RunSummary {
	summary: ReconciliationSummary;
	failedBatches: FailedBatch[];
	/** Every planned batch finished. */
	complete: boolean;
	/** How many failed batches this run tolerates (scaleToleratedFailurePercentage of its batches). */
	toleratedFailedBatches: number;
	/** The run succeeded: the map did not fail, and no more batches failed than tolerated. */
	withinTolerance: boolean;
}

/** A cause is Step Functions' error text (up to 32 KB); the event keeps its beginning. */
const MAX_CAUSE_LENGTH = 300;

/**
 * Failed batches a run tolerates: `percentage` of its batches, rounded down, but at least one when
 * the percentage is not 0 — otherwise 5 % of fewer than 20 batches would tolerate nothing. A failed
 * batch is always reported (its range is in the summary event), tolerated or not.
 */
export function toleratedFailedBatches(percentage: number, batches: number): number {
	if (percentage <= 0 || batches === 0) return 0;
	return Math.max(1, Math.floor((percentage * batches) / 100));
}

function isFailure(value: unknown): value is BatchFailure {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Partial<BatchFailure>;
	return typeof candidate.Error === 'string' && typeof candidate.Cause === 'string';
}

function isSummary(value: unknown): value is ReconciliationSummary {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Partial<ReconciliationSummary>).window === 'object'
	);
}

function isBatchResult(value: unknown): value is BatchResult {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as { batchIndex?: unknown; summary?: unknown; failure?: unknown };
	if (typeof candidate.batchIndex !== 'number') return false;
	if (candidate.failure === undefined) return isSummary(candidate.summary);
	return (
		isFailure(candidate.failure) && (candidate.summary === null || isSummary(candidate.summary))
	);
}

/**
 * Merges every batch summary the map returned — those of failed batches too, so what they finished
 * and published is counted — adds the planner's calls, and lists every planned batch that did not
 * finish with its range and reason. A batch without any result (the map itself failed) is listed
 * with the map's error; its accounts count as planned but not completed.
 */
export function summarizeRun(input: SummaryInput, toleratedFailurePercentage: number): RunSummary {
	const results = new Map<number, BatchResult>();
	for (const result of (input.batchResults ?? []).filter(isBatchResult)) {
		results.set(result.batchIndex, result);
	}
	const summaries = [...results.values()].flatMap((result) =>
		result.summary === null ? [] : [result.summary],
	);
	const summary = mergeSummaries([emptySummary(input.window), ...summaries]);
	summary.apiCalls += input.planning.apiCalls;
	summary.retries += input.planning.retries;

	const mapFailure: BatchFailure = {
		Error: input.fanOutError?.Error ?? 'States.Runtime',
		Cause: input.fanOutError?.Cause ?? 'The map returned no result for this batch.',
	};
	const failedBatches: FailedBatch[] = [];
	input.batches.forEach((batch, batchIndex) => {
		const result = results.get(batchIndex);
		if (result !== undefined && result.failure === undefined) return;
		const failure = result?.failure ?? mapFailure;
		// Accounts of the range the batch's summary does not account for were never reconciled.
		summary.accounts.total += Math.max(0, batch.size - (result?.summary?.accounts.total ?? 0));
		failedBatches.push({
			batchIndex,
			after: batch.after,
			through: batch.through,
			size: batch.size,
			error: failure.Error,
			cause: failure.Cause.slice(0, MAX_CAUSE_LENGTH),
		});
	});
	const tolerated = toleratedFailedBatches(toleratedFailurePercentage, input.batches.length);
	return {
		summary,
		failedBatches,
		complete: failedBatches.length === 0,
		toleratedFailedBatches: tolerated,
		withinTolerance: input.fanOutError === undefined && failedBatches.length <= tolerated,
	};
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
			withinTolerance: run.withinTolerance,
			toleratedFailedBatches: run.toleratedFailedBatches,
			failedBatchCount: run.failedBatches.length,
			failedBatches: run.failedBatches.slice(0, MAX_NAMED_SHORTFALLS),
		},
	};
}
