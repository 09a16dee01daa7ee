import { requireEventBusName } from '../../shared/config';
import { createBusPublisher } from '../../shared/eventPublisher';
import {
	createObservability,
	describeError,
	instrumentHandler,
	MetricUnit,
} from '../../shared/observability';
import { connectToStripe } from '../../shared/stripeClient';
import { timeBudgetFromContext } from '../../shared/timeBudget';
import { listRangeAccounts } from '../accounts';
import { readReconciliationConfig } from '../config';
import { reconcileAndPublishBatch } from '../run';
import type { BatchInput, BatchResult } from './batches';

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readReconciliationConfig(process.env);
const publisher = createBusPublisher(requireEventBusName(config));
const observability = createObservability('reconcile-payouts-worker');

/** Scale mode, step 2 (one per batch): reconciles one range of accounts and publishes its payout events. */
export const handler = instrumentHandler<BatchInput, BatchResult>(
	async (event, context) => {
		const { logger, metrics } = observability;
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
	observability,
	{
		message: 'Batch failed',
		fields: (event) => ({ runId: event.runId, batchIndex: event.batchIndex }),
	},
);
