// What the scale Lambdas share with the single-run handler: configuration read once per container
// (failing the cold start with the setting's name) and a Stripe client behind the request budget.
import type Stripe from 'stripe';

import {
	effectiveRequestsPerSecond,
	readReconciliationConfig,
	type ReconciliationConfig,
} from '../../shared/config';
import type { Logger } from '@aws-lambda-powertools/logger';
import { RequestBudget } from '../../shared/requestBudget';
import { createStripeClient, resolveStripeSecretKey } from '../../shared/stripeClient';

/** The reconciliation settings, read from the environment once per container. */
export const config: ReconciliationConfig = readReconciliationConfig(process.env);

/** A Stripe client and a fresh request budget for one invocation (the key is cached by Powertools). */
export async function connectToStripe(
	logger: Logger,
): Promise<{ stripe: Stripe; budget: RequestBudget }> {
	const secretKey = await resolveStripeSecretKey(config.stripeKey);
	const budget = new RequestBudget({
		requestsPerSecond: effectiveRequestsPerSecond(config, secretKey),
		maxConcurrency: config.maxConcurrency,
		maxAttempts: config.maxAttempts,
		onRetry: (retry) => logger.warn('Retrying Stripe call', { ...retry }),
	});
	return { stripe: createStripeClient(secretKey, config.stripeApiBase), budget };
}
