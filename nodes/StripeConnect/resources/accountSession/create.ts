import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { accountSessionComponentFields } from './components';

export const showOnlyForAccountSessionCreate = {
	operation: ['create'],
	resource: ['accountSession'],
};

const accountSessionCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an account session',
	description:
		'Creates a client secret that lets your website embed Connect components (onboarding, payouts, payments, reports…) for one account, with the features of each turned on or off',
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
		...accountSessionComponentFields(),
	],
});

export const accountSessionCreateOperation = accountSessionCreate.option;
export const accountSessionCreateDescription: INodeProperties[] = accountSessionCreate.properties;
