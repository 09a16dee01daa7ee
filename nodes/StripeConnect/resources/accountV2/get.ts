import type { INodeProperties } from 'n8n-workflow';

import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from './accountIdField';
import { includeCollection } from './v2Fields';

export const showOnlyForAccountV2Get = { operation: ['get'], resource: ['accountV2'] };

const accountV2Get = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get an account (v2)',
	description:
		'Retrieves one v2 account; add Response → Include for its configurations, identity, defaults or requirements',
	effect: 'reads',
	method: 'GET',
	path: '/v2/core/accounts/{accountId}',
	show: showOnlyForAccountV2Get,
	connectedAccount: true,
	fields: [v2AccountIdField(), includeCollection('query')],
});

export const accountV2GetOperation = accountV2Get.option;
export const accountV2GetDescription: INodeProperties[] = accountV2Get.properties;
