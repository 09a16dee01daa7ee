import type { INodeProperties } from 'n8n-workflow';

import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from '../accountV2/accountIdField';

export const showOnlyForPersonV2GetAll = { operation: ['getAll'], resource: ['personV2'] };

const personV2GetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many persons (v2)',
	description: 'Lists the persons of a v2 account, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v2/core/accounts/{accountId}/persons',
	show: showOnlyForPersonV2GetAll,
	connectedAccount: true,
	list: true,
	fields: [v2AccountIdField()],
});

export const personV2GetAllOperation = personV2GetAll.option;
export const personV2GetAllDescription: INodeProperties[] = personV2GetAll.properties;
