// Scale mode, pure part: how the planner cuts the connected accounts into batches, how a worker finds
// its batch again, and what the states of the state machine hand each other. No I/O here.
import type { ReconciliationSummary } from '../summary';
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
	/** The planner's own Stripe calls (listing the accounts), part of the run's cost. */
	planning: CallCount;
}

/** Stripe calls a step made, for the run's cost. */
export interface CallCount {
	apiCalls: number;
	retries: number;
}

/**
 * What the earlier attempts of a batch settled, carried by the state machine to the next attempt so
 * that a retry neither publishes an event twice nor reads Stripe again for an account already done.
 */
export interface BatchProgress {
	/** 1 for the first attempt. */
	attempt: number;
	/**
	 * Accounts with a final result: reconciled with every event delivered, or given up on for a
	 * reason a retry cannot change (they are in the summary's notReached).
	 */
	settledAccounts: string[];
	/** Events already on the bus for accounts not settled yet; they are not sent again. */
	deliveredEventKeys: string[];
	/** Counters of the settled accounts plus the Stripe calls of every earlier attempt; null at first. */
	summary: ReconciliationSummary | null;
}

/** The progress of a batch's first attempt (the state machine's ItemSelector writes the same). */
export function firstAttempt(): BatchProgress {
	return { attempt: 1, settledAccounts: [], deliveredEventKeys: [], summary: null };
}

/** One worker's input: the plan's shared fields, its batch and its progress (built by the map's ItemSelector). */
export interface BatchInput {
	runId: string;
	batchIndex: number;
	batch: AccountRange;
	window: ReconciliationWindow;
	now: number;
	progress: BatchProgress;
}

/** Why a batch was given up, in Step Functions' error shape (a Catch writes the same two fields). */
export interface BatchFailure {
	Error: string;
	Cause: string;
}

/**
 * A batch's final result, as the map collects it: finished (possibly with accounts not reached, like a
 * single run), or given up with what was settled before (null when nothing was).
 */
export type BatchResult =
	| { batchIndex: number; summary: ReconciliationSummary; failure?: undefined }
	| { batchIndex: number; summary: ReconciliationSummary | null; failure: BatchFailure };

/** A worker's request to be invoked again, after `waitSeconds`, with `input` (the next attempt). */
export interface BatchRetry {
	batchIndex: number;
	retry: { waitSeconds: number; input: BatchInput };
}

/** What one worker invocation returns. */
export type BatchAttemptResult = BatchResult | BatchRetry;

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
