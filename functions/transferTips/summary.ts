import type { TipAggregation } from './aggregate';
import type { SettledDecision } from './outcomes';
import type { SkipReason } from './plan';
import type { PayPeriod } from './period';

type CurrencyTotals = {
	transferred: number;
	planned: number;
	skipped: number;
	failed: number;
	notReached: number;
};

/** The counters of a tip run. */
export interface TipBatchSummary {
	period: string;
	periodStart: string;
	periodEnd: string;
	timeZone: string;
	dryRun: boolean;
	paymentsScanned: number;
	recipients: number;
	counts: {
		created: number;
		alreadyTransferred: number;
		planned: number;
		skipped: Partial<Record<SkipReason, number>>;
		failed: number;
		notReached: number;
	};
	totalsByCurrency: Record<string, CurrencyTotals>;
	notReached: Array<{ account: string; currency: string; amount: number }>;
}

/** How many recipients and payments a run skipped, whatever the reason. */
export function countSkipped(summary: TipBatchSummary): number {
	return Object.values(summary.counts.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
}

/** Builds the run's counters from its decisions and results (pure). */
export function summarizeTipRun(input: {
	period: PayPeriod;
	dryRun: boolean;
	aggregation: TipAggregation;
	settled: SettledDecision[];
}): TipBatchSummary {
	const summary: TipBatchSummary = {
		period: input.period.id,
		periodStart: new Date(input.period.start * 1000).toISOString(),
		periodEnd: new Date(input.period.end * 1000).toISOString(),
		timeZone: input.period.timeZone,
		dryRun: input.dryRun,
		paymentsScanned: input.aggregation.paymentsScanned,
		recipients: new Set(input.aggregation.groups.map((group) => group.recipient)).size,
		counts: {
			created: 0,
			alreadyTransferred: 0,
			planned: 0,
			skipped: {},
			failed: 0,
			notReached: 0,
		},
		totalsByCurrency: {},
		notReached: [],
	};
	const totals = (currency: string) =>
		(summary.totalsByCurrency[currency] ??= {
			transferred: 0,
			planned: 0,
			skipped: 0,
			failed: 0,
			notReached: 0,
		});
	const skip = (reason: SkipReason) => {
		summary.counts.skipped[reason] = (summary.counts.skipped[reason] ?? 0) + 1;
	};
	for (const invalid of input.aggregation.invalid) {
		skip('invalid_tip_metadata');
		totals(invalid.currency);
	}
	for (const { decision, result } of input.settled) {
		const { group } = decision;
		if (decision.kind === 'already_transferred') {
			summary.counts.alreadyTransferred++;
			totals(decision.transfer.currency).transferred += decision.transfer.amount;
		} else if (decision.kind === 'skip') {
			skip(decision.reason);
			totals(group.currency).skipped += group.amount;
		} else if (result === undefined) {
			summary.counts.planned++;
			totals(group.currency).planned += group.amount;
		} else if (result.kind === 'created') {
			summary.counts.created++;
			totals(group.currency).transferred += result.transfer.amount;
		} else if (result.kind === 'failed') {
			summary.counts.failed++;
			totals(group.currency).failed += group.amount;
		} else {
			summary.counts.notReached++;
			totals(group.currency).notReached += group.amount;
			summary.notReached.push({
				account: group.recipient,
				currency: group.currency,
				amount: group.amount,
			});
		}
	}
	return summary;
}
