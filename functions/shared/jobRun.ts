import type { Logger } from '@aws-lambda-powertools/logger';
import type Stripe from 'stripe';

import type { EventSink } from './jobEvents';
import type { RequestBudget } from './requestBudget';

/**
 * What every job run is wired to, from its Lambda handler or its CLI: the Stripe client, the budget
 * every Stripe call goes through, where its events go and its logger.
 */
export interface JobConnections {
	stripe: Stripe;
	budget: RequestBudget;
	sink: EventSink;
	logger?: Logger;
}
