import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { stripeConnectApiTest } from '../shared/credentialTest';
import { DEFAULT_STRIPE_BASE_URL } from '../shared/stripeApi';
import { accountDescription } from './resources/account';
import { accountLinkDescription } from './resources/accountLink';
import { accountSessionDescription } from './resources/accountSession';
import { applicationFeeDescription } from './resources/applicationFee';
import { balanceDescription } from './resources/balance';
import { balanceTransactionDescription } from './resources/balanceTransaction';
import { capabilityDescription } from './resources/capability';
import { disputeDescription } from './resources/dispute';
import { eventDescription } from './resources/event';
import { externalAccountDescription } from './resources/externalAccount';
import { loginLinkDescription } from './resources/loginLink';
import { paymentIntentDescription } from './resources/paymentIntent';
import { payoutDescription } from './resources/payout';
import { payoutScheduleDescription } from './resources/payoutSchedule';
import { refundDescription } from './resources/refund';
import { transferDescription } from './resources/transfer';
import { transferReversalDescription } from './resources/transferReversal';
import { accountV2Description } from './resources/accountV2';
import { accountLinkV2Description } from './resources/accountLinkV2';
import { personV2Description } from './resources/personV2';
import { shareProperties } from './shared/sharedProperties';

export class StripeConnect implements INodeType {
	methods = { credentialTest: { stripeConnectApiTest } };

	description: INodeTypeDescription = {
		displayName: 'Stripe Connect',
		name: 'stripeConnect',
		icon: { light: 'file:stripeConnect.svg', dark: 'file:stripeConnect.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Stripe Connect for marketplaces: connected accounts, onboarding, balances, payouts, transfers, destination and direct charges, refunds, disputes, Accounts v2 and events. Each operation says whether it only reads or moves money.',
		defaults: { name: 'Stripe Connect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripeConnectApi', required: true, testedBy: 'stripeConnectApiTest' }],
		// RoutingNode evaluates these for every item but sends nothing itself: each operation's hook
		// sends through the transport, to the credential's base URL. A plain value costs nothing per
		// item; an expression here would cost two evaluations per item.
		requestDefaults: { baseURL: DEFAULT_STRIPE_BASE_URL },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Account Link', value: 'accountLink' },
					{ name: 'Account Link V2', value: 'accountLinkV2' },
					{ name: 'Account Session', value: 'accountSession' },
					{ name: 'Account V2', value: 'accountV2' },
					{ name: 'Application Fee', value: 'applicationFee' },
					{ name: 'Balance', value: 'balance' },
					{ name: 'Balance Transaction', value: 'balanceTransaction' },
					{ name: 'Capability', value: 'capability' },
					{ name: 'Dispute', value: 'dispute' },
					{ name: 'Event', value: 'event' },
					{ name: 'External Account', value: 'externalAccount' },
					{ name: 'Login Link', value: 'loginLink' },
					{ name: 'Payment Intent', value: 'paymentIntent' },
					{ name: 'Payout', value: 'payout' },
					{ name: 'Payout Schedule', value: 'payoutSchedule' },
					{ name: 'Person V2', value: 'personV2' },
					{ name: 'Refund', value: 'refund' },
					{ name: 'Transfer', value: 'transfer' },
					{ name: 'Transfer Reversal', value: 'transferReversal' },
				],
				default: 'transfer',
			},
			...shareProperties([
				...accountDescription,
				...accountLinkDescription,
				...accountSessionDescription,
				...applicationFeeDescription,
				...balanceDescription,
				...balanceTransactionDescription,
				...capabilityDescription,
				...disputeDescription,
				...eventDescription,
				...externalAccountDescription,
				...loginLinkDescription,
				...paymentIntentDescription,
				...payoutDescription,
				...payoutScheduleDescription,
				...refundDescription,
				...transferDescription,
				...transferReversalDescription,
				...accountV2Description,
				...accountLinkV2Description,
				...personV2Description,
			]),
		],
	};
}
