import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { field, idField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountSessionCreate = {
	operation: ['create'],
	resource: ['accountSession'],
};

const accountSessionCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an account session',
	description:
		'Creates a client secret that lets your website embed Connect components (onboarding, payouts, payments…) for one account',
	effect: 'changes',
	method: 'POST',
	path: '/v1/account_sessions',
	show: showOnlyForAccountSessionCreate,
	fields: [
		idField({
			name: 'account',
			displayName: 'Account ID',
			prefixes: STRIPE_ID_PREFIXES.account,
			to: { in: 'body', name: 'account' },
			description: 'The connected account (acct_…)',
		}),
		field({
			name: 'components',
			displayName: 'Components',
			value: {
				kind: 'options',
				options: [
					{ name: 'Account Management', value: 'account_management' },
					{ name: 'Account Onboarding', value: 'account_onboarding' },
					{ name: 'Balances', value: 'balances' },
					{ name: 'Documents', value: 'documents' },
					{ name: 'Notification Banner', value: 'notification_banner' },
					{ name: 'Payment Details', value: 'payment_details' },
					{ name: 'Payments', value: 'payments' },
					{ name: 'Payouts', value: 'payouts' },
					{ name: 'Payouts List', value: 'payouts_list' },
				],
			},
			default: ['account_onboarding'],
			description: 'The embedded components to enable for this session',
			to: { in: 'body', name: 'components' },
			shape: (names) =>
				Object.fromEntries((names as string[]).map((name) => [name, { enabled: true }])),
		}),
	],
});

export const accountSessionCreateOperation = accountSessionCreate.option;
export const accountSessionCreateDescription: INodeProperties[] = accountSessionCreate.properties;
