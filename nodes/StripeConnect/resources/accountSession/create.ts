import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idField, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountSessionCreate = {
	operation: ['create'],
	resource: ['accountSession'],
};

export const accountSessionCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an account session',
	description:
		'Creates a client secret that lets your website embed Connect components (onboarding, payouts, payments…) for one account',
	effect: 'changes',
	method: 'POST',
	url: '/v1/account_sessions',
	checks: [
		{
			kind: 'id',
			parameter: 'account',
			field: 'Account ID',
			prefixes: STRIPE_ID_PREFIXES.account,
			target: 'body',
			property: 'account',
		},
		{ kind: 'list', parameter: 'components', field: 'Components' },
	],
});

export const accountSessionCreateDescription: INodeProperties[] = [
	idField(
		'account',
		'Account ID',
		'acct_…',
		showOnlyForAccountSessionCreate,
		'The connected account (acct_…)',
	),
	{
		displayName: 'Components',
		name: 'components',
		type: 'multiOptions',
		required: true,
		default: ['account_onboarding'],
		description: 'The embedded components to enable for this session',
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
		displayOptions: { show: showOnlyForAccountSessionCreate },
		routing: {
			send: {
				type: 'body',
				property: 'components',
				value: '={{ Object.fromEntries($value.map(name => [name, { enabled: true }])) }}',
			},
		},
	},
	optionsCollection(showOnlyForAccountSessionCreate, { post: true }),
];
