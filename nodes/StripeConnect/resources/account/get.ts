import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountGet = { operation: ['get'], resource: ['account'] };

const accountGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a connected account',
	description: 'Retrieves one connected account with its requirements and capabilities',
	effect: 'reads',
	method: 'GET',
	path: '/v1/accounts/{accountId}',
	show: showOnlyForAccountGet,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
	],
});

export const accountGetOperation = accountGet.option;
export const accountGetDescription: INodeProperties[] = accountGet.properties;
