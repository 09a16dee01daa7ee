import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeGetAll = {
	operation: ['getAll'],
	resource: ['applicationFee'],
};

export const applicationFeeGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many application fees',
	description: 'Lists the application fees the platform collected, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/application_fees',
	list: true,
	checks: [
		{
			kind: 'id',
			parameter: 'filters.charge',
			field: 'Filters → Charge',
			prefixes: STRIPE_ID_PREFIXES.charge,
			optional: true,
			target: 'qs',
			property: 'charge',
		},
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const applicationFeeGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForApplicationFeeGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForApplicationFeeGetAll },
		options: [
			...dateRangeOptions('Created', 'created'),
			{ displayName: 'Charge', name: 'charge', type: 'string', default: '', placeholder: 'ch_…' },
		],
	},
	optionsCollection(showOnlyForApplicationFeeGetAll, {}),
];
