import type { Logger } from '@aws-lambda-powertools/logger';

import { requireEventBusName } from '../../shared/config';
import { createBusPublisher } from '../../shared/eventPublisher';
import {
	createObservability,
	describeError,
	instrumentHandler,
	MetricUnit,
	redactSecrets,
} from '../../shared/observability';
import { mapStackTracesToSources } from '../../shared/sourceMappedStacks';
import { classifyStripeError } from '../../shared/requestBudget';
import { connectToStripe } from '../../shared/stripeClient';
import { timeBudgetFromContext, type DeadlineSource } from '../../shared/timeBudget';
import { listRangeAccounts } from '../accounts';
import { readReconciliationConfig } from '../config';
import { reconcileAndPublishBatch } from '../run';
import { decideBatchAttempt, type AttemptReport } from './attempts';
import type { BatchAttemptResult, BatchInput } from './batches';

// Before anything can throw: stack traces name the TypeScript sources (sourceMappedStacks.ts).
mapStackTracesToSources();

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readReconciliationConfig(process.env);
const publisher = createBusPublisher(requireEventBusName(config));
const observability = createObservability('reconcile-payouts-worker');

/**
 * One attempt at a batch: lists its range, reconciles the accounts earlier attempts did not settle,
 * publishes their events except those already delivered, and reports what happened.
 */
async function attemptBatch(
	event: BatchInput,
	context: DeadlineSource,
	logger: Logger,
): Promise<AttemptReport> {
	const { stripe, budget } = await connectToStripe(config, logger);
	const calls = () => {
		const { apiCalls, retries } = budget.stats();
		return { apiCalls, retries };
	};
	let accounts: string[];
	try {
		accounts = await listRangeAccounts(stripe, budget, event.batch);
	} catch (error) {
		logger.error('Batch accounts could not be listed', { error: describeError(error) });
		return {
			listed: false,
			failure: {
				Error: error instanceof Error ? error.name : 'Error',
				Cause: redactSecrets(error instanceof Error ? error.message : String(error)),
			},
			retryable: classifyStripeError(error) !== 'fail',
			calls: calls(),
		};
	}
	const settled = new Set(event.progress.settledAccounts);
	const transientAccountFailures: string[] = [];
	const delivery = await reconcileAndPublishBatch({
		stripe,
		budget,
		accounts: accounts.filter((account) => !settled.has(account)),
		window: event.window,
		now: event.now,
		overdueGraceSeconds: config.overdueGraceHours * 3600,
		timeBudget: timeBudgetFromContext(context, config.stopBeforeDeadlineMs),
		accountConcurrency: config.maxConcurrency,
		onAccountError: (account, error) => {
			if (classifyStripeError(error) !== 'fail') transientAccountFailures.push(account);
			logger.error('Account could not be reconciled', { account, error: describeError(error) });
		},
		sink: publisher,
		alreadyDelivered: new Set(event.progress.deliveredEventKeys),
	});
	return {
		listed: true,
		accounts,
		outcomes: delivery.outcomes,
		shortfalls: delivery.summary.accounts.notReached,
		transientAccountFailures,
		events: delivery.events,
		sent: delivery.sent,
		undelivered: delivery.undelivered.map((entry) => ({
			eventKey: entry.event.detail.eventKey,
			errorCode: entry.errorCode,
			retryable: entry.retryable,
		})),
		calls: calls(),
	};
}

/**
 * Scale mode, step 2 (one per batch): reconciles one range of accounts and publishes its payout
 * events. When something a later attempt may overcome is left, it asks the state machine to come
 * back (`retry`) with what this attempt settled, so the retry publishes nothing twice.
 */
export const handler = instrumentHandler<BatchInput, BatchAttemptResult>(
	async (event, context) => {
		const { logger, metrics } = observability;
		const report = await attemptBatch(event, context, logger);
		const result = decideBatchAttempt(event, report);
		metrics.addMetric('StripeApiCalls', MetricUnit.Count, report.calls.apiCalls);
		const fields = {
			runId: event.runId,
			batchIndex: event.batchIndex,
			attempt: event.progress.attempt,
			apiCalls: report.calls.apiCalls,
		};
		if ('retry' in result) {
			metrics.addMetric('BatchAttemptsRetried', MetricUnit.Count, 1);
			logger.warn('Batch attempt left work for a retry', {
				...fields,
				settledAccounts: result.retry.input.progress.settledAccounts.length,
				waitSeconds: result.retry.waitSeconds,
			});
		} else if (result.failure !== undefined) {
			metrics.addMetric('BatchesFailed', MetricUnit.Count, 1);
			logger.error('Batch given up', { ...fields, failure: result.failure });
		} else {
			metrics.addMetric('AccountsReconciled', MetricUnit.Count, result.summary.accounts.completed);
			metrics.addMetric(
				'AccountsNotReached',
				MetricUnit.Count,
				result.summary.accounts.notReached.length,
			);
			logger.info('Reconciled batch', {
				...fields,
				accounts: result.summary.accounts.total,
				payouts: result.summary.payouts,
				notReached: result.summary.accounts.notReached.length,
			});
		}
		return result;
	},
	observability,
	{
		message: 'Batch failed',
		fields: (event) => ({ runId: event.runId, batchIndex: event.batchIndex }),
	},
);
