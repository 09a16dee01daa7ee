import { readReconciliationConfig, requireEventBusName } from '../shared/config';
import { createBusPublisher } from '../shared/eventPublisher';
import { createObservability, runInvocation } from '../shared/observability';
import { connectToStripe } from '../shared/stripeClient';
import { timeBudgetFromContext, type DeadlineSource } from '../shared/timeBudget';
import { resolveWindow, type ReconciliationSummary } from './core';
import { runReconciliation } from './reconcile';

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readReconciliationConfig(process.env);
const publisher = createBusPublisher(requireEventBusName(config));
const { logger, metrics } = createObservability('reconcile-payouts');

/** Optional input of the scheduled invocation: an explicit window (ISO 8601). */
export interface ReconcilePayoutsEvent {
	since?: string;
	until?: string;
}

/** The daily reconciliation Lambda: reconcile, publish, return the summary. */
export async function handler(
	event: ReconcilePayoutsEvent | null | undefined,
	context: DeadlineSource,
): Promise<ReconciliationSummary> {
	const window = resolveWindow(
		{ since: event?.since, until: event?.until },
		Date.now() / 1000,
		config.lookbackHours,
		config.overlapHours,
	);
	const { stripe, budget } = await connectToStripe(config, logger);
	return runInvocation({ logger, metrics }, 'Reconciliation failed', async () => {
		const result = await runReconciliation({
			stripe,
			budget,
			accounts: config.accounts,
			window,
			now: Date.now() / 1000,
			overdueGraceSeconds: config.overdueGraceHours * 3600,
			timeBudget: timeBudgetFromContext(context, config.stopBeforeDeadlineMs),
			accountConcurrency: config.maxConcurrency,
			sink: publisher,
			logger,
			metrics,
		});
		return result.summary;
	});
}
