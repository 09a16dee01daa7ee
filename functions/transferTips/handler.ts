import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

import { effectiveRequestsPerSecond, readTipsConfig, requireEventBusName } from '../shared/config';
import { createEventBridgePublisher } from '../shared/eventPublisher';
import { createObservability, describeError } from '../shared/observability';
import { RequestBudget } from '../shared/requestBudget';
import { createStripeClient, resolveStripeSecretKey } from '../shared/stripeClient';
import { timeBudgetFromContext, type DeadlineSource } from '../shared/timeBudget';
import type { TipBatchSummary } from './core';
import { parseAttempt, parsePayPeriod, previousPayPeriod } from './period';
import { runTipTransfers } from './tips';

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readTipsConfig(process.env);
const eventBusName = requireEventBusName(config);
const { logger, metrics } = createObservability('transfer-tips');
const publisher = createEventBridgePublisher({ client: new EventBridgeClient({}), eventBusName });

/** Optional input of the scheduled invocation: an explicit period (`2026-W46`), a dry run, an attempt. */
export interface TransferTipsEvent {
	period?: string;
	dryRun?: boolean;
	/** 2, 3… to re-send transfers Stripe refused within the last 24 hours, once the cause is fixed. */
	attempt?: number;
}

/** The weekly tip transfer Lambda: pay every tipped account once, publish, return the summary. */
export async function handler(
	event: TransferTipsEvent | null | undefined,
	context: DeadlineSource,
): Promise<TipBatchSummary> {
	const period =
		event?.period === undefined
			? previousPayPeriod(Date.now() / 1000, config.timeZone)
			: parsePayPeriod(event.period, config.timeZone);
	const attempt = parseAttempt(event?.attempt);
	const secretKey = await resolveStripeSecretKey(config.stripeKey);
	const budget = new RequestBudget({
		requestsPerSecond: effectiveRequestsPerSecond(config, secretKey),
		maxConcurrency: config.maxConcurrency,
		maxAttempts: config.maxAttempts,
		onRetry: (retry) => logger.warn('Retrying Stripe call', { ...retry }),
	});
	try {
		const result = await runTipTransfers({
			stripe: createStripeClient(secretKey, config.stripeApiBase),
			budget,
			period,
			metadataKeys: { amount: config.amountMetadataKey, recipient: config.recipientMetadataKey },
			minimums: config.minimumAmounts,
			dryRun: event?.dryRun === true,
			attempt,
			sink: publisher,
			timeBudget: timeBudgetFromContext(context, config.stopBeforeDeadlineMs),
			logger,
			metrics,
		});
		return result.summary;
	} catch (error) {
		logger.error('Tip transfers failed', { error: describeError(error) });
		throw error;
	} finally {
		metrics.publishStoredMetrics();
	}
}
