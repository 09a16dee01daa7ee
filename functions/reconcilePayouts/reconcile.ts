import type Stripe from 'stripe';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';

import type { EventSink, JobEvent } from '../shared/eventPublisher';
import { describeError, MetricUnit } from '../shared/observability';
import type { RequestBudget } from '../shared/requestBudget';
import { listAllPages } from '../shared/stripeClient';
import { UNLIMITED_TIME, type TimeBudget } from '../shared/timeBudget';
import {
	buildPayoutEvent,
	buildReconciliationCompletedEvent,
	countOutcomes,
	emptySummary,
	mergeSummaries,
	payoutQueryWindow,
	reconcilePayout,
	triagePayout,
	type AccountShortfall,
	type PayoutOutcome,
	type ReconciliationSummary,
	type ReconciliationWindow,
} from './core';

/** Progress after each account, for terminals and logs. */
export interface ReconciliationProgress {
	accountsDone: number;
	accountsTotal: number;
	apiCalls: number;
	outcomes: Partial<Record<PayoutOutcome['kind'], number>>;
}

/** Everything reconcileAccounts needs; the scale worker passes one batch of accounts. */
export interface ReconcileAccountsInput {
	stripe: Stripe;
	budget: RequestBudget;
	accounts: string[];
	window: ReconciliationWindow;
	/** Unix seconds; decides which unsettled payouts are overdue. */
	now: number;
	overdueGraceSeconds: number;
	timeBudget?: TimeBudget;
	/** Accounts reconciled at the same time (each one's calls still go through the budget). */
	accountConcurrency?: number;
	onProgress?: (progress: ReconciliationProgress) => void;
	onAccountError?: (account: string, error: unknown) => void;
}

/** Outcomes, their events and the counters of one list of accounts. */
export interface ReconcileAccountsResult {
	outcomes: PayoutOutcome[];
	events: JobEvent[];
	summary: ReconciliationSummary;
}

class StoppedForTime extends Error {}

/** Lists every connected account of the platform (one call per 100 accounts). */
export async function listConnectedAccountIds(
	stripe: Stripe,
	budget: RequestBudget,
): Promise<string[]> {
	const accounts = await listAllPages(budget, 'accounts.list', (cursor) =>
		stripe.accounts.list({
			limit: 100,
			...cursor,
		}),
	);
	return accounts.map((account) => account.id);
}

async function reconcileOneAccount(
	input: ReconcileAccountsInput,
	account: string,
	timeBudget: TimeBudget,
): Promise<PayoutOutcome[]> {
	const rules = {
		window: input.window,
		now: input.now,
		overdueGraceSeconds: input.overdueGraceSeconds,
	};
	const query = payoutQueryWindow(rules);
	const payouts = await listAllPages(input.budget, 'payouts.list', (cursor) =>
		input.stripe.payouts.list(
			{
				limit: 100,
				arrival_date: { gte: query.since, lt: query.until },
				...cursor,
			},
			{ stripeAccount: account },
		),
	);
	const outcomes: PayoutOutcome[] = [];
	await Promise.all(
		payouts.map(async (payout) => {
			const triage = triagePayout(account, payout, rules);
			if (triage.action === 'outcome') outcomes.push(triage.outcome);
			if (triage.action !== 'list_transactions') return;
			if (timeBudget.shouldStop()) throw new StoppedForTime();
			const transactions = await listAllPages(input.budget, 'balanceTransactions.list', (cursor) =>
				input.stripe.balanceTransactions.list(
					{
						limit: 100,
						payout: payout.id,
						...cursor,
					},
					{ stripeAccount: account },
				),
			);
			outcomes.push(reconcilePayout(account, payout, transactions));
		}),
	);
	// Concurrent listings finish in any order; report in Stripe's payout order.
	const order = new Map(payouts.map((payout, index) => [payout.id, index]));
	return outcomes.sort((a, b) => (order.get(a.payout) ?? 0) - (order.get(b.payout) ?? 0));
}

/**
 * Reconciles a list of accounts for a window: every account's payouts and, for automatic payouts
 * Stripe has attributed, their balance transactions. An account that fails or is not reached in
 * time is listed in the summary, never silently dropped; its partial outcomes are discarded so
 * the next run (whose window overlaps) judges it whole.
 */
export async function reconcileAccounts(
	input: ReconcileAccountsInput,
): Promise<ReconcileAccountsResult> {
	const timeBudget = input.timeBudget ?? UNLIMITED_TIME;
	const callsBefore = input.budget.stats();
	const outcomesByAccount = new Map<string, PayoutOutcome[]>();
	const shortfalls: AccountShortfall[] = [];
	const progress: ReconciliationProgress = {
		accountsDone: 0,
		accountsTotal: input.accounts.length,
		apiCalls: 0,
		outcomes: {},
	};
	let nextIndex = 0;
	const worker = async () => {
		while (nextIndex < input.accounts.length) {
			const account = input.accounts[nextIndex++];
			if (timeBudget.shouldStop()) {
				shortfalls.push({ account, reason: 'time_budget' });
				continue;
			}
			try {
				const outcomes = await reconcileOneAccount(input, account, timeBudget);
				outcomesByAccount.set(account, outcomes);
				for (const outcome of outcomes) {
					progress.outcomes[outcome.kind] = (progress.outcomes[outcome.kind] ?? 0) + 1;
				}
			} catch (error) {
				if (error instanceof StoppedForTime) {
					shortfalls.push({ account, reason: 'time_budget' });
				} else {
					input.onAccountError?.(account, error);
					shortfalls.push({
						account,
						reason: 'error',
						message: error instanceof Error ? error.message : String(error),
					});
				}
			}
			progress.accountsDone++;
			progress.apiCalls = input.budget.stats().apiCalls - callsBefore.apiCalls;
			input.onProgress?.({ ...progress, outcomes: { ...progress.outcomes } });
		}
	};
	const workers = Math.max(1, Math.min(input.accountConcurrency ?? 4, input.accounts.length));
	await Promise.all(Array.from({ length: workers }, worker));

	// Report in the order the accounts were given, whatever order they finished in.
	const outcomes = input.accounts.flatMap((account) => outcomesByAccount.get(account) ?? []);
	const events = outcomes
		.map(buildPayoutEvent)
		.filter((event): event is JobEvent => event !== undefined);
	const order = new Map(input.accounts.map((account, index) => [account, index]));
	shortfalls.sort((a, b) => (order.get(a.account) ?? 0) - (order.get(b.account) ?? 0));
	const callsAfter = input.budget.stats();
	const summary = countOutcomes(emptySummary(input.window), outcomes);
	summary.accounts = {
		total: input.accounts.length,
		completed: outcomesByAccount.size,
		notReached: shortfalls,
	};
	summary.apiCalls = callsAfter.apiCalls - callsBefore.apiCalls;
	summary.retries = callsAfter.retries - callsBefore.retries;
	return { outcomes, events, summary };
}

/** A whole reconciliation run: which accounts, the window, where events go. */
export interface ReconciliationRunInput extends Omit<ReconcileAccountsInput, 'accounts'> {
	/** Explicit accounts; undefined lists every connected account. */
	accounts: string[] | undefined;
	sink: EventSink;
	logger?: Logger;
	metrics?: Metrics;
	/** Milliseconds clock for the duration (injectable for tests). */
	clock?: () => number;
}

/** What a run found and published. */
export interface ReconciliationRunResult extends ReconcileAccountsResult {
	/** The payout events followed by the one Reconciliation Completed event, as published. */
	published: JobEvent[];
	durationMs: number;
}

/**
 * Runs the daily job: lists the accounts, reconciles them, then publishes every payout event and one
 * Reconciliation Completed summary. Publishing failures propagate (after everything deliverable
 * was published) so the run fails loudly.
 */
export async function runReconciliation(
	input: ReconciliationRunInput,
): Promise<ReconciliationRunResult> {
	const clock = input.clock ?? Date.now;
	const startedAt = clock();
	const accounts = input.accounts ?? (await listConnectedAccountIds(input.stripe, input.budget));
	input.logger?.info('Reconciling payouts', {
		accounts: accounts.length,
		since: new Date(input.window.since * 1000).toISOString(),
		until: new Date(input.window.until * 1000).toISOString(),
	});
	const result = await reconcileAccounts({
		...input,
		accounts,
		onAccountError: (account, error) => {
			input.logger?.error('Account could not be reconciled', {
				account,
				error: describeError(error),
			});
			input.onAccountError?.(account, error);
		},
	});
	// The account listing is part of the run's cost.
	const stats = input.budget.stats();
	result.summary.apiCalls = stats.apiCalls;
	result.summary.retries = stats.retries;
	const durationMs = clock() - startedAt;
	result.summary.eventsPublished = result.events.length + 1;
	const published = [
		...result.events,
		buildReconciliationCompletedEvent(result.summary, durationMs),
	];
	recordReconciliationMetrics(input.metrics, result.summary);
	await input.sink.publish(published);
	input.logger?.info('Reconciliation completed', {
		payouts: result.summary.payouts,
		notReached: result.summary.accounts.notReached.length,
		apiCalls: result.summary.apiCalls,
		durationMs,
	});
	return { ...result, published, durationMs };
}

function recordReconciliationMetrics(metrics: Metrics | undefined, summary: ReconciliationSummary) {
	if (!metrics) return;
	for (const [kind, count] of Object.entries(summary.payouts)) {
		metrics.addMetric(`Payouts_${kind}`, MetricUnit.Count, count);
	}
	metrics.addMetric('AccountsReconciled', MetricUnit.Count, summary.accounts.completed);
	metrics.addMetric('AccountsNotReached', MetricUnit.Count, summary.accounts.notReached.length);
	metrics.addMetric('StripeApiCalls', MetricUnit.Count, summary.apiCalls);
	metrics.addMetric('StripeRetries', MetricUnit.Count, summary.retries);
}

/**
 * Scale-mode worker step: reconciles one batch of accounts, publishes its payout events, and returns
 * only the (small, JSON-serialisable) summary for the Distributed Map to collect.
 */
export async function reconcileAndPublishBatch(
	input: ReconcileAccountsInput & { sink: EventSink },
): Promise<ReconciliationSummary> {
	const result = await reconcileAccounts(input);
	await input.sink.publish(result.events);
	return { ...result.summary, eventsPublished: result.events.length };
}

/** Scale-mode final step: merges the batch summaries and publishes the one Reconciliation Completed event. */
export async function publishMergedSummary(
	summaries: ReconciliationSummary[],
	sink: EventSink,
	durationMs: number,
): Promise<{ summary: ReconciliationSummary; event: JobEvent }> {
	const merged = mergeSummaries(summaries);
	merged.eventsPublished += 1;
	const event = buildReconciliationCompletedEvent(merged, durationMs);
	await sink.publish([event]);
	return { summary: merged, event };
}
