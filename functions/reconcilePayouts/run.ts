import type { Metrics } from '@aws-lambda-powertools/metrics';

import {
	EventPublishError,
	type EventSink,
	type JobEvent,
	type UndeliveredEvent,
} from '../shared/jobEvents';
import { describeError, MetricUnit } from '../shared/observability';
import type { JobConnections } from '../shared/jobRun';
import { listConnectedAccountIds } from './accounts';
import { buildReconciliationCompletedEvent } from './events';
import {
	reconcileAccounts,
	type ReconcileAccountsInput,
	type ReconcileAccountsResult,
} from './reconcile';
import type { ReconciliationSummary } from './summary';

/** A whole reconciliation run: which accounts, the window, where events go. */
export interface ReconciliationRunInput
	extends Omit<ReconcileAccountsInput, 'accounts'>,
		JobConnections {
	/** Explicit accounts; undefined lists every connected account. */
	accounts: string[] | undefined;
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

/** What one scale-mode batch attempt reconciled, and how its events fared on the bus. */
export interface BatchDelivery extends ReconcileAccountsResult {
	/** Events sent by this attempt: those an earlier attempt had not delivered. */
	sent: number;
	undelivered: UndeliveredEvent[];
}

/**
 * Scale-mode worker step: reconciles one batch of accounts and publishes their payout events, except
 * those an earlier attempt already delivered. Events the bus did not take are returned, not thrown:
 * what becomes of them is the batch's decision (scale/attempts.ts).
 */
export async function reconcileAndPublishBatch(
	input: ReconcileAccountsInput & { sink: EventSink; alreadyDelivered: ReadonlySet<string> },
): Promise<BatchDelivery> {
	const result = await reconcileAccounts(input);
	const toSend = result.events.filter(
		(event) => !input.alreadyDelivered.has(event.detail.eventKey),
	);
	try {
		await input.sink.publish(toSend);
		return { ...result, sent: toSend.length, undelivered: [] };
	} catch (error) {
		if (!(error instanceof EventPublishError)) throw error;
		return { ...result, sent: toSend.length, undelivered: error.undelivered };
	}
}
