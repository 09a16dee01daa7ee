import { OUTCOME_KINDS, type OutcomeKind, type PayoutOutcome } from './outcomes';
import { isoDate, type ReconciliationWindow } from './window';

/** An account the run did not finish, and why. */
export interface AccountShortfall {
	account: string;
	reason: 'time_budget' | 'error';
	message?: string;
}

/** Counters of a reconciliation run or of one batch of accounts; JSON-serialisable and mergeable. */
export interface ReconciliationSummary {
	window: { since: string; until: string };
	accounts: { total: number; completed: number; notReached: AccountShortfall[] };
	payouts: Record<OutcomeKind, number>;
	/** Sum of payout amounts per currency and outcome, in minor units. */
	amountsByCurrency: Record<string, Partial<Record<OutcomeKind, number>>>;
	apiCalls: number;
	retries: number;
	eventsPublished: number;
}

/** Counters with nothing counted, for a window. */
export function emptySummary(window: ReconciliationWindow): ReconciliationSummary {
	return {
		window: { since: isoDate(window.since), until: isoDate(window.until) },
		accounts: { total: 0, completed: 0, notReached: [] },
		payouts: Object.fromEntries(OUTCOME_KINDS.map((kind) => [kind, 0])) as Record<
			OutcomeKind,
			number
		>,
		amountsByCurrency: {},
		apiCalls: 0,
		retries: 0,
		eventsPublished: 0,
	};
}

/** Counts outcomes into a summary (pure; returns a new summary). */
export function countOutcomes(
	summary: ReconciliationSummary,
	outcomes: PayoutOutcome[],
): ReconciliationSummary {
	const next = structuredClone(summary);
	for (const outcome of outcomes) {
		next.payouts[outcome.kind]++;
		const amounts = (next.amountsByCurrency[outcome.currency] ??= {});
		amounts[outcome.kind] = (amounts[outcome.kind] ?? 0) + outcome.amount;
	}
	return next;
}

/** Merges the summaries of batches of the same window (scale mode) into one. */
export function mergeSummaries(summaries: ReconciliationSummary[]): ReconciliationSummary {
	if (summaries.length === 0) throw new RangeError('mergeSummaries needs at least one summary');
	const [first] = summaries;
	const merged = emptySummary({
		since: Date.parse(first.window.since) / 1000,
		until: Date.parse(first.window.until) / 1000,
	});
	for (const summary of summaries) {
		if (
			summary.window.since !== first.window.since ||
			summary.window.until !== first.window.until
		) {
			throw new RangeError(
				`Cannot merge summaries of different windows (${first.window.since}…${first.window.until} and ${summary.window.since}…${summary.window.until}).`,
			);
		}
		merged.accounts.total += summary.accounts.total;
		merged.accounts.completed += summary.accounts.completed;
		merged.accounts.notReached.push(...summary.accounts.notReached);
		for (const kind of OUTCOME_KINDS) merged.payouts[kind] += summary.payouts[kind];
		for (const [currency, amounts] of Object.entries(summary.amountsByCurrency)) {
			const target = (merged.amountsByCurrency[currency] ??= {});
			for (const [kind, amount] of Object.entries(amounts) as Array<[OutcomeKind, number]>) {
				target[kind] = (target[kind] ?? 0) + amount;
			}
		}
		merged.apiCalls += summary.apiCalls;
		merged.retries += summary.retries;
		merged.eventsPublished += summary.eventsPublished;
	}
	return merged;
}
