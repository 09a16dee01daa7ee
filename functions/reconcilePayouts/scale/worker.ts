import type Stripe from 'stripe';

import { readReconciliationConfig, requireEventBusName } from '../../shared/config';
import { createBusPublisher } from '../../shared/eventPublisher';
import {
	createObservability,
	describeError,
	MetricUnit,
	runInvocation,
} from '../../shared/observability';
import type { RequestBudget } from '../../shared/requestBudget';
import { connectToStripe } from '../../shared/stripeClient';
import { timeBudgetFromContext, type DeadlineSource } from '../../shared/timeBudget';
import { reconcileAndPublishBatch } from '../reconcile';
import {
	collectRangeAccounts,
	type AccountRange,
	type BatchInput,
	type BatchResult,
} from './batches';

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readReconciliationConfig(process.env);
const publisher = createBusPublisher(requireEventBusName(config));
const { logger, metrics } = createObservability('reconcile-payouts-worker');

/** A batch whose boundaries have both disappeared would otherwise scan the rest of the list. */
function scanLimit(range: AccountRange): number {
	return range.size * 2 + 100;
}

/** The accounts of a range, read from Stripe's account list through the budget. */
export async function listRangeAccounts(
	stripe: Stripe,
	budget: RequestBudget,
	range: AccountRange,
): Promise<string[]> {
	let accounts: string[] = [];
	let startingAfter = range.after ?? undefined;
	for (;;) {
		const page = await budget.call('accounts.list', () =>
			stripe.accounts.list({
				limit: 100,
				...(startingAfter ? { starting_after: startingAfter } : {}),
			}),
		);
		const ids = page.data.map((account) => account.id);
		const scan = collectRangeAccounts(range, accounts, ids);
		accounts = scan.accounts;
		if (scan.done || !page.has_more || ids.length === 0) return accounts;
		if (accounts.length > scanLimit(range)) {
			throw new RangeError(
				`Batch after ${range.after ?? 'the first account'} through ${range.through} did not end within ${scanLimit(range)} accounts: ` +
					'both of its boundary accounts disappeared after planning. Re-run the reconciliation to plan again.',
			);
		}
		startingAfter = ids[ids.length - 1];
	}
}

/** Scale mode, step 2 (one per batch): reconciles one range of accounts and publishes its payout events. */
export async function handler(event: BatchInput, context: DeadlineSource): Promise<BatchResult> {
	return runInvocation(
		{ logger, metrics },
		'Batch failed',
		async () => {
			const { stripe, budget } = await connectToStripe(config, logger);
			const accounts = await listRangeAccounts(stripe, budget, event.batch);
			const summary = await reconcileAndPublishBatch({
				stripe,
				budget,
				accounts,
				window: event.window,
				now: event.now,
				overdueGraceSeconds: config.overdueGraceHours * 3600,
				timeBudget: timeBudgetFromContext(context, config.stopBeforeDeadlineMs),
				accountConcurrency: config.maxConcurrency,
				onAccountError: (account, error) =>
					logger.error('Account could not be reconciled', { account, error: describeError(error) }),
				sink: publisher,
			});
			// The range listing is part of the batch's cost.
			const stats = budget.stats();
			summary.apiCalls = stats.apiCalls;
			summary.retries = stats.retries;
			metrics.addMetric('AccountsReconciled', MetricUnit.Count, summary.accounts.completed);
			metrics.addMetric('AccountsNotReached', MetricUnit.Count, summary.accounts.notReached.length);
			metrics.addMetric('StripeApiCalls', MetricUnit.Count, stats.apiCalls);
			logger.info('Reconciled batch', {
				runId: event.runId,
				batchIndex: event.batchIndex,
				accounts: accounts.length,
				payouts: summary.payouts,
				notReached: summary.accounts.notReached.length,
			});
			return { batchIndex: event.batchIndex, summary };
		},
		{ runId: event.runId, batchIndex: event.batchIndex },
	);
}
