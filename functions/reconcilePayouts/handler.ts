import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

import {
	effectiveRequestsPerSecond,
	readReconciliationConfig,
	requireEventBusName,
} from '../shared/config';
import { createEventBridgePublisher } from '../shared/eventPublisher';
import { createObservability, describeError } from '../shared/observability';
import { RequestBudget } from '../shared/requestBudget';
import { createStripeClient, resolveStripeSecretKey } from '../shared/stripeClient';
import { timeBudgetFromContext, type DeadlineSource } from '../shared/timeBudget';
import type { ReconciliationSummary } from './core';
import { resolveWindow } from './core';
import { runReconciliation } from './reconcile';

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readReconciliationConfig(process.env);
const eventBusName = requireEventBusName(config);
const { logger, metrics } = createObservability('reconcile-payouts');
const publisher = createEventBridgePublisher({ client: new EventBridgeClient({}), eventBusName });

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
	const secretKey = await resolveStripeSecretKey(config.stripeKey);
	const budget = new RequestBudget({
		requestsPerSecond: effectiveRequestsPerSecond(config, secretKey),
		maxConcurrency: config.maxConcurrency,
		maxAttempts: config.maxAttempts,
		onRetry: (retry) => logger.warn('Retrying Stripe call', { ...retry }),
	});
	try {
		const result = await runReconciliation({
			stripe: createStripeClient(secretKey, config.stripeApiBase),
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
	} catch (error) {
		logger.error('Reconciliation failed', { error: describeError(error) });
		throw error;
	} finally {
		metrics.publishStoredMetrics();
	}
}
