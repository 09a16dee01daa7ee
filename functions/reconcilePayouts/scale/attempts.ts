// Scale mode, pure part: what one attempt of a batch settled, and whether the state machine should
// come back for the rest. The worker reports what happened (listing, reconciliation, delivery); this
// file decides. Which failures a retry sees:
// - retried (the next attempt does only what is left): a range listing that failed for a reason the
//   retry policy calls transient (5xx, 429, lost connection, after the request budget's own
//   attempts); an account whose Stripe calls failed for such a reason; an account not reached before
//   the Lambda deadline; events EventBridge did not take for a transient reason (InternalFailure,
//   ThrottlingException, a 5xx or unanswered request).
// - not retried, because another attempt would fail the same way: a listing or account failure Stripe
//   calls final (4xx, `Stripe-Should-Retry: false`), a range whose boundary accounts disappeared, an
//   event EventBridge refused (AccessDeniedException, MalformedDetail, an entry too large).
// Per-account failures stay per account, as in a single run; only undelivered events fail a batch.
import { backoffDelayMs, type BackoffCurve } from '../../../nodes/shared/transport/retryPolicy';
import type { JobEvent } from '../../shared/jobEvents';
import type { PayoutOutcome } from '../outcomes';
import {
	countOutcomes,
	emptySummary,
	mergeSummaries,
	type AccountShortfall,
	type ReconciliationSummary,
} from '../summary';
import type {
	BatchAttemptResult,
	BatchFailure,
	BatchInput,
	BatchProgress,
	BatchRetry,
	CallCount,
} from './batches';

/** Attempts per batch, the first included (the state machine's Retry used to allow the same). */
export const MAX_BATCH_ATTEMPTS = 3;

/** Wait before a batch's next attempt: 15–30 s, then 30–60 s (the repository's one backoff). */
export const BATCH_RETRY_BACKOFF: BackoffCurve = { baseMs: 30_000, maxMs: 120_000 };

/**
 * The most a retry may carry. Step Functions caps a state's data at 256 KB; what a batch settled
 * (account ids, delivered event keys, its counters) stays far below it unless thousands of events of
 * accounts still pending were delivered. Past this, the batch is given up instead of retried.
 */
export const MAX_CARRIED_BYTES = 200 * 1024;

/** An event EventBridge did not take, and whether sending it again later may work. */
export interface UndeliveredEventKey {
	eventKey: string;
	errorCode: string;
	retryable: boolean;
}

/** What one worker invocation did, as the worker saw it. */
export type AttemptReport =
	| {
			/** The range could not be listed (nothing was reconciled or published). */
			listed: false;
			failure: BatchFailure;
			retryable: boolean;
			calls: CallCount;
	  }
	| {
			listed: true;
			/** The range's accounts, in Stripe's list order. */
			accounts: string[];
			/** Outcomes of the accounts reconciled by this attempt (those not settled before). */
			outcomes: PayoutOutcome[];
			/** Accounts this attempt did not finish (failed or out of time). */
			shortfalls: AccountShortfall[];
			/** Of the failed accounts, those whose failure the retry policy calls transient. */
			transientAccountFailures: string[];
			/** Every event built for the accounts reconciled, whether sent now or delivered earlier. */
			events: JobEvent[];
			/** Events sent by this attempt (those not delivered earlier). */
			sent: number;
			undelivered: UndeliveredEventKey[];
			calls: CallCount;
	  };

/** Options of the decision (injectable for tests). */
export interface AttemptRules {
	maxAttempts?: number;
	random?: () => number;
}

function withCalls(summary: ReconciliationSummary, calls: CallCount, published: number) {
	const next = structuredClone(summary);
	next.apiCalls += calls.apiCalls;
	next.retries += calls.retries;
	next.eventsPublished += published;
	return next;
}

function undeliveredMessage(failed: UndeliveredEventKey[], total: number): string {
	const codes = [...new Set(failed.map((entry) => entry.errorCode))].join(', ');
	return `${failed.length} of its ${total} events could not be published to EventBridge (${codes}).`;
}

/** Counters of the accounts settled by this attempt (their outcomes; shortfalls as not reached). */
function settledSummary(
	input: BatchInput,
	settled: string[],
	outcomes: PayoutOutcome[],
	finalShortfalls: AccountShortfall[],
): ReconciliationSummary {
	const settledSet = new Set(settled);
	const summary = countOutcomes(
		emptySummary(input.window),
		outcomes.filter((outcome) => settledSet.has(outcome.account)),
	);
	summary.accounts = {
		total: settled.length,
		completed: settled.length - finalShortfalls.length,
		notReached: finalShortfalls,
	};
	return summary;
}

/**
 * Decides what an attempt of a batch comes to: finished, another attempt (with what this one settled
 * carried over and the wait before it), or given up. An account is settled when its result is final:
 * reconciled with every one of its events on the bus, or failed for a reason a retry cannot change.
 * Its outcomes are counted once, when it is settled, so a retry never counts them twice.
 */
export function decideBatchAttempt(
	input: BatchInput,
	report: AttemptReport,
	rules: AttemptRules = {},
): BatchAttemptResult {
	const maxAttempts = rules.maxAttempts ?? MAX_BATCH_ATTEMPTS;
	const { progress } = input;
	const carried = progress.summary ?? emptySummary(input.window);
	const mayRetry = progress.attempt < maxAttempts;

	if (!report.listed) {
		const summary = withCalls(carried, report.calls, 0);
		if (report.retryable && mayRetry) {
			return retryOf(input, { ...progress, attempt: progress.attempt + 1, summary }, rules);
		}
		return { batchIndex: input.batchIndex, summary, failure: report.failure };
	}

	const settledBefore = new Set(progress.settledAccounts);
	const deliveredBefore = new Set(progress.deliveredEventKeys);
	const undelivered = new Map(report.undelivered.map((entry) => [entry.eventKey, entry]));
	const shortfalls = new Map(report.shortfalls.map((shortfall) => [shortfall.account, shortfall]));
	const transient = new Set(report.transientAccountFailures);
	const eventsOf = new Map<string, JobEvent[]>();
	for (const event of report.events) {
		const account = event.detail.account ?? '';
		eventsOf.set(account, [...(eventsOf.get(account) ?? []), event]);
	}

	const newlySettled: string[] = [];
	const finalShortfalls: AccountShortfall[] = [];
	/** Accounts to do again, with why, as they are reported if no attempt is left. */
	const pending: AccountShortfall[] = [];
	const pendingDeliveredKeys: string[] = [];
	const undeliveredLeft: UndeliveredEventKey[] = [];
	for (const account of report.accounts) {
		if (settledBefore.has(account)) continue;
		const shortfall = shortfalls.get(account);
		if (shortfall !== undefined) {
			if (shortfall.reason === 'time_budget' || transient.has(account)) {
				pending.push(shortfall);
			} else {
				newlySettled.push(account);
				finalShortfalls.push(shortfall);
			}
			continue;
		}
		const events = eventsOf.get(account) ?? [];
		const failed = events.flatMap((event) => undelivered.get(event.detail.eventKey) ?? []);
		if (failed.length === 0) {
			newlySettled.push(account);
			continue;
		}
		undeliveredLeft.push(...failed);
		pending.push({
			account,
			reason: 'error',
			message: undeliveredMessage(failed, events.length),
		});
		for (const event of events) {
			const key = event.detail.eventKey;
			if (!undelivered.has(key) || deliveredBefore.has(key)) pendingDeliveredKeys.push(key);
		}
	}

	const published = report.sent - report.undelivered.length;
	const summary = mergeSummaries([
		withCalls(carried, report.calls, published),
		settledSummary(input, newlySettled, report.outcomes, finalShortfalls),
	]);
	if (pending.length === 0) return { batchIndex: input.batchIndex, summary };

	const next: BatchProgress = {
		attempt: progress.attempt + 1,
		settledAccounts: [...progress.settledAccounts, ...newlySettled],
		deliveredEventKeys: [...new Set(pendingDeliveredKeys)],
		summary,
	};
	if (mayRetry && undeliveredLeft.every((entry) => entry.retryable)) {
		const retry = retryOf(input, next, rules);
		if (JSON.stringify(retry).length <= MAX_CARRIED_BYTES) return retry;
	}

	// No attempt left (or none that could help): what is pending is reported, as a single run would.
	summary.accounts.total += pending.length;
	summary.accounts.notReached.push(...pending);
	if (undeliveredLeft.length === 0) return { batchIndex: input.batchIndex, summary };
	return {
		batchIndex: input.batchIndex,
		summary,
		failure: {
			Error: 'EventPublishError',
			Cause:
				`${undeliveredLeft.length} event(s) of ${pending.length} account(s) could not be published after ${progress.attempt} attempt(s) ` +
				`(${[...new Set(undeliveredLeft.map((entry) => entry.errorCode))].join(', ')}). Check the bus, its events:PutEvents permission and the event size.`,
		},
	};
}

function retryOf(input: BatchInput, progress: BatchProgress, rules: AttemptRules): BatchRetry {
	const delayMs = backoffDelayMs(progress.attempt - 2, rules.random, BATCH_RETRY_BACKOFF);
	return {
		batchIndex: input.batchIndex,
		retry: { waitSeconds: Math.ceil(delayMs / 1000), input: { ...input, progress } },
	};
}
