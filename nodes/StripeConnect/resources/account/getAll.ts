import type { INodeProperties } from 'n8n-workflow';

import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountGetAll = { operation: ['getAll'], resource: ['account'] };

export const accountGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many connected accounts',
	description: 'Lists the connected accounts of the platform, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/accounts',
	list: true,
	checks: dateRangeChecks('filters', 'Created', 'created', 'created'),
});

export const accountGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForAccountGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForAccountGetAll },
		options: dateRangeOptions('Created', 'created'),
	},
	optionsCollection(showOnlyForAccountGetAll, {}),
];
