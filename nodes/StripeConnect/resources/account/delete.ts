import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountDelete = { operation: ['delete'], resource: ['account'] };

const accountDelete = stripeOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a connected account',
	description:
		'Deletes a connected account the platform manages (test-mode accounts, or accounts with zero balance)',
	effect: 'changes',
	method: 'DELETE',
	path: '/v1/accounts/{accountId}',
	show: showOnlyForAccountDelete,
	// Stripe's delete endpoint takes no parameters, not even expand.
	expand: false,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
	],
});

export const accountDeleteOperation = accountDelete.option;
export const accountDeleteDescription: INodeProperties[] = accountDelete.properties;
