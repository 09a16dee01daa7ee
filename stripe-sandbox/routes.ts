import { accountRoutes } from './resources/accounts';
import { applicationFeeRoutes } from './resources/applicationFees';
import { balanceRoutes } from './resources/balance';
import { balanceTransactionRoutes } from './resources/balanceTransactions';
import { chargeRoutes } from './resources/charges';
import { disputeRoutes } from './resources/disputes';
import { eventRoutes } from './resources/events';
import { onboardingRoutes } from './resources/onboarding';
import { paymentIntentRoutes } from './resources/paymentIntents';
import { payoutRoutes } from './resources/payouts';
import { personRoutes } from './resources/persons';
import { refundRoutes } from './resources/refunds';
import { transferRoutes } from './resources/transfers';
import { webhookEndpointRoutes } from './resources/webhookEndpoints';
import type { RouteTable } from './router';

/** Every endpoint the sandbox serves, keyed by `METHOD /v1/spec-template`. */
export const ROUTES: RouteTable = {
	...accountRoutes,
	...applicationFeeRoutes,
	...balanceRoutes,
	...balanceTransactionRoutes,
	...chargeRoutes,
	...disputeRoutes,
	...eventRoutes,
	...onboardingRoutes,
	...paymentIntentRoutes,
	...payoutRoutes,
	...personRoutes,
	...refundRoutes,
	...transferRoutes,
	...webhookEndpointRoutes,
};
