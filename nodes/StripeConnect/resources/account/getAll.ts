import type { INodeProperties } from 'n8n-workflow';

import { dateRangeChecks } from '../../shared/checks';
import {
	dateRangeOptions,
	filtersCollection,
	listFields,
	optionsCollection,
} from '../../shared/fields';
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
	filtersCollection(showOnlyForAccountGetAll, dateRangeOptions('Created', 'created')),
	optionsCollection(showOnlyForAccountGetAll, {}),
];
