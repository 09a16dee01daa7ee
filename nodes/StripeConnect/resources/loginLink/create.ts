import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForLoginLinkCreate = { operation: ['create'], resource: ['loginLink'] };

const loginLinkCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an express dashboard login link',
	description:
		'Creates a single-use login URL to the Express Dashboard of an Express connected account',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts/{accountId}/login_links',
	show: showOnlyForLoginLinkCreate,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The Express connected account (acct_…)',
		),
	],
});

export const loginLinkCreateOperation = loginLinkCreate.option;
export const loginLinkCreateDescription: INodeProperties[] = loginLinkCreate.properties;
