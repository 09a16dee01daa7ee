import { accountLinkRoutes } from './resources/accountLinks';
import { accountRoutes } from './resources/accounts';
import { accountSessionRoutes } from './resources/accountSessions';
import { applicationFeeRefundRoutes } from './resources/applicationFeeRefunds';
import { applicationFeeRoutes } from './resources/applicationFees';
import { balanceRoutes } from './resources/balance';
import { balanceTransactionRoutes } from './resources/balanceTransactions';
import { capabilityRoutes } from './resources/capabilities';
import { chargeRoutes } from './resources/charges';
import { disputeRoutes } from './resources/disputes';
import { eventRoutes } from './resources/events';
import { externalAccountRoutes } from './resources/externalAccounts';
import { loginLinkRoutes } from './resources/loginLinks';
import { paymentIntentRoutes } from './resources/paymentIntents';
import { payoutRoutes } from './resources/payouts';
import { personRoutes } from './resources/persons';
import { platformAccountRoutes } from './resources/platformAccount';
import { refundRoutes } from './resources/refunds';
import { transferReversalRoutes } from './resources/transferReversals';
import { transferRoutes } from './resources/transfers';
import { webhookEndpointRoutes } from './resources/webhookEndpoints';
import type { RouteTable } from './types';

/** Every endpoint the sandbox serves, keyed by `METHOD /v1/spec-template`. */
export const ROUTES: RouteTable = {
	...accountLinkRoutes,
	...accountRoutes,
	...accountSessionRoutes,
	...applicationFeeRefundRoutes,
	...applicationFeeRoutes,
	...balanceRoutes,
	...balanceTransactionRoutes,
	...capabilityRoutes,
	...chargeRoutes,
	...disputeRoutes,
	...eventRoutes,
	...externalAccountRoutes,
	...loginLinkRoutes,
	...paymentIntentRoutes,
	...payoutRoutes,
	...personRoutes,
	...platformAccountRoutes,
	...refundRoutes,
	...transferReversalRoutes,
	...transferRoutes,
	...webhookEndpointRoutes,
};
