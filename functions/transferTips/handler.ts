import { requireEventBusName } from '../shared/config';
import { createBusPublisher } from '../shared/eventPublisher';
import { createObservability, instrumentHandler } from '../shared/observability';
import { mapStackTracesToSources } from '../shared/sourceMappedStacks';
import { connectToStripe } from '../shared/stripeClient';
import { timeBudgetFromContext } from '../shared/timeBudget';
import { readTipsConfig } from './config';
import { parseAttempt, parsePayPeriod, previousPayPeriod } from './period';
import { runTipTransfers } from './run';
import type { TipBatchSummary } from './summary';

// Before anything can throw: stack traces name the TypeScript sources (sourceMappedStacks.ts).
mapStackTracesToSources();

// Read once per container: a missing or malformed setting fails the cold start, naming it.
const config = readTipsConfig(process.env);
const publisher = createBusPublisher(requireEventBusName(config));
const observability = createObservability('transfer-tips');

/** Optional input of the scheduled invocation: an explicit period (`2026-W46`), a dry run, an attempt. */
export interface TransferTipsEvent {
	period?: string;
	dryRun?: boolean;
	/** 2, 3… to re-send transfers Stripe refused within the last 24 hours, once the cause is fixed. */
	attempt?: number;
}

/** The weekly tip transfer Lambda: pay every tipped account once, publish, return the summary. */
export const handler = instrumentHandler<TransferTipsEvent | null | undefined, TipBatchSummary>(
	async (event, context) => {
		const period =
			event?.period === undefined
				? previousPayPeriod(Date.now() / 1000, config.timeZone)
				: parsePayPeriod(event.period, config.timeZone);
		const attempt = parseAttempt(event?.attempt);
		const { stripe, budget } = await connectToStripe(config, observability.logger);
		const result = await runTipTransfers({
			stripe,
			budget,
			period,
			metadataKeys: { amount: config.amountMetadataKey, recipient: config.recipientMetadataKey },
			minimums: config.minimumAmounts,
			dryRun: event?.dryRun === true,
			attempt,
			sink: publisher,
			timeBudget: timeBudgetFromContext(context, config.stopBeforeDeadlineMs),
			logger: observability.logger,
			metrics: observability.metrics,
		});
		return result.summary;
	},
	observability,
	{ message: 'Tip transfers failed' },
);
