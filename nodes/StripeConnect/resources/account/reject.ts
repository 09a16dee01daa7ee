import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, field, pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountReject = { operation: ['reject'], resource: ['account'] };

const accountReject = stripeOperation({
	name: 'Reject',
	value: 'reject',
	action: 'Reject a connected account',
	description:
		'Rejects a connected account (fraud, credit, terms of service or other); it can no longer charge, and no longer pay out unless Payouts Action is None',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts/{accountId}/reject',
	show: showOnlyForAccountReject,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		field({
			name: 'reason',
			displayName: 'Reason',
			value: {
				kind: 'option',
				options: [
					{
						name: 'Fraud: Payment Method Casher',
						value: 'fraud_payment_method_casher',
						description: 'Cashes out stolen or fraudulent payment methods',
					},
					{
						name: 'Fraud: Payment Method Tester',
						value: 'fraud_payment_method_tester',
						description: 'Tests stolen card numbers',
					},
					{
						name: 'Fraud: No Intent to Fulfill',
						value: 'fraud_no_intent_to_fulfill',
						description: 'Takes payments for goods or services it never means to deliver',
					},
					{ name: 'Fraud: Other', value: 'fraud_other' },
					{ name: 'Credit', value: 'credit', description: 'Credit risk too high' },
					{ name: 'Terms of Service', value: 'terms_of_service' },
					{ name: 'Other', value: 'other' },
				],
			},
			default: 'terms_of_service',
			description: "Why the platform rejects the account (Stripe's reasons of API 2026-10-28)",
			to: { in: 'body', name: 'reason' },
		}),
		additionalFields([
			field({
				name: 'payoutsAction',
				displayName: 'Payouts Action',
				value: {
					kind: 'option',
					options: [
						{
							name: 'Pause',
							value: 'pause',
							description: "Stops the account's payouts (Stripe's default)",
						},
						{
							name: 'None',
							value: 'none',
							description: 'Lets the account keep paying out its balance',
						},
					],
				},
				description: 'What happens to payouts of the rejected account',
				to: { in: 'body', name: 'payouts_action' },
			}),
		]),
	],
});

export const accountRejectOperation = accountReject.option;
export const accountRejectDescription: INodeProperties[] = accountReject.properties;
