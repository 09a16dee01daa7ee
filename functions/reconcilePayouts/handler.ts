import { requireEventBusName } from '../shared/config';
import { createBusPublisher } from '../shared/eventPublisher';
import { createObservability, instrumentHandler } from '../shared/observability';
import { mapStackTracesToSources } from '../shared/sourceMappedStacks';
import { connectToStripe } from '../shared/stripeClient';
import { timeBudgetFromContext } from '../shared/timeBudget';
import { readReconciliationConfig } from './config';
import { runReconciliation } from './run';
import type { ReconciliationSummary } from './summary';
import { resolveWindow } from './window';

// Before anything can throw: stack traces name the TypeScript sources (sourceMappedStacks.ts).
mapStackTracesToSources();

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readReconciliationConfig(process.env);
const publisher = createBusPublisher(requireEventBusName(config));
const observability = createObservability('reconcile-payouts');

/** Optional input of the scheduled invocation: an explicit window (ISO 8601). */
export interface ReconcilePayoutsEvent {
	since?: string;
	until?: string;
}

/** The daily reconciliation Lambda: reconcile, publish, return the summary. */
export const handler = instrumentHandler<
	ReconcilePayoutsEvent | null | undefined,
	ReconciliationSummary
>(
	async (event, context) => {
		const window = resolveWindow(
			{ since: event?.since, until: event?.until },
			Date.now() / 1000,
			config.lookbackHours,
			config.overlapHours,
		);
		const { stripe, budget } = await connectToStripe(config, observability.logger);
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
			logger: observability.logger,
			metrics: observability.metrics,
		});
		return result.summary;
	},
	observability,
	{ message: 'Reconciliation failed' },
);
