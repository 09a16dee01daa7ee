import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForCapabilityGetAll = { operation: ['getAll'], resource: ['capability'] };

const capabilityGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many capabilities of an account',
	description: 'Lists the capabilities of a connected account with their status and requirements',
	effect: 'reads',
	method: 'GET',
	path: '/v1/accounts/{accountId}/capabilities',
	show: showOnlyForCapabilityGetAll,
	list: 'unpaged',
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
	],
});

export const capabilityGetAllOperation = capabilityGetAll.option;
export const capabilityGetAllDescription: INodeProperties[] = capabilityGetAll.properties;
