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
import { v2AccountLinkRoutes } from './resources/v2/accountLinks';
import { v2AccountRoutes } from './resources/v2/accounts';
import { v2EventDestinationRoutes } from './resources/v2/eventDestinations';
import { v2EventRoutes } from './resources/v2/events';
import { v2PersonRoutes } from './resources/v2/persons';
import type { RouteTable, V2RouteTable } from './types';

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

/** Every v2 endpoint the sandbox serves, keyed by `METHOD /v2/template`. */
export const V2_ROUTES: V2RouteTable = {
	...v2AccountLinkRoutes,
	...v2AccountRoutes,
	...v2EventDestinationRoutes,
	...v2EventRoutes,
	...v2PersonRoutes,
};
