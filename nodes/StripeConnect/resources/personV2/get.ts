import type { INodeProperties } from 'n8n-workflow';

import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from '../accountV2/accountIdField';
import { personIdField } from './personFields';

export const showOnlyForPersonV2Get = { operation: ['get'], resource: ['personV2'] };

const personV2Get = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a person (v2)',
	description: 'Retrieves one person of a v2 account',
	effect: 'reads',
	method: 'GET',
	path: '/v2/core/accounts/{accountId}/persons/{personId}',
	show: showOnlyForPersonV2Get,
	connectedAccount: true,
	fields: [v2AccountIdField(), personIdField()],
});

export const personV2GetOperation = personV2Get.option;
export const personV2GetDescription: INodeProperties[] = personV2Get.properties;
