import { readCommonConfig, requireEventBusName } from '../../shared/config';
import { createBusPublisher } from '../../shared/eventPublisher';
import { createObservability, instrumentHandler, MetricUnit } from '../../shared/observability';
import { mapStackTracesToSources } from '../../shared/sourceMappedStacks';
import { readScaleToleratedFailurePercentage } from '../config';
import {
	buildScaleCompletedEvent,
	summarizeRun,
	type RunSummary,
	type SummaryInput,
} from './runSummary';

// Before anything can throw: stack traces name the TypeScript sources (sourceMappedStacks.ts).
mapStackTracesToSources();

// Only the bus is needed here: the summary never calls Stripe.
const publisher = createBusPublisher(requireEventBusName(readCommonConfig(process.env)));
const toleratedFailurePercentage = readScaleToleratedFailurePercentage(process.env);
const observability = createObservability('reconcile-payouts-summary');

/**
 * Scale mode, step 3: merges the batches and publishes the run's one Reconciliation Completed event.
 * It publishes exactly once per invocation and the state machine retries it only when Lambda did not
 * run it, so a run never announces its completion twice.
 */
export const handler = instrumentHandler<SummaryInput, RunSummary>(
	async (event) => {
		const { logger, metrics } = observability;
		const run = summarizeRun(event, toleratedFailurePercentage);
		run.summary.eventsPublished += 1;
		const durationMs = Date.now() - Date.parse(event.startedAt);
		await publisher.publish([buildScaleCompletedEvent(run, durationMs, event.runId)]);
		metrics.addMetric('AccountsReconciled', MetricUnit.Count, run.summary.accounts.completed);
		metrics.addMetric(
			'AccountsNotReached',
			MetricUnit.Count,
			run.summary.accounts.notReached.length,
		);
		metrics.addMetric('FailedBatches', MetricUnit.Count, run.failedBatches.length);
		logger.info('Reconciliation run summarized', {
			runId: event.runId,
			complete: run.complete,
			withinTolerance: run.withinTolerance,
			failedBatches: run.failedBatches.length,
			payouts: run.summary.payouts,
		});
		return run;
	},
	observability,
	{ message: 'Summary failed', fields: (event) => ({ runId: event.runId }) },
);
