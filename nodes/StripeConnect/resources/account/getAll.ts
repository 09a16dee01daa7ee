import type { INodeProperties } from 'n8n-workflow';

import { dateRangeFilters, filters } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountGetAll = { operation: ['getAll'], resource: ['account'] };

const accountGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many connected accounts',
	description: 'Lists the connected accounts of the platform, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/accounts',
	show: showOnlyForAccountGetAll,
	list: true,
	fields: [filters(dateRangeFilters('Created', 'created', 'created'))],
});

export const accountGetAllOperation = accountGetAll.option;
export const accountGetAllDescription: INodeProperties[] = accountGetAll.properties;
