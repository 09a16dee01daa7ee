import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferGetAll = { operation: ['getAll'], resource: ['transfer'] };

export const transferGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many transfers',
	description: 'Lists transfers, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/transfers',
	list: true,
	checks: [
		{
			kind: 'id',
			parameter: 'filters.destination',
			field: 'Filters → Destination',
			prefixes: STRIPE_ID_PREFIXES.account,
			optional: true,
			target: 'qs',
			property: 'destination',
		},
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const transferGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForTransferGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForTransferGetAll },
		options: [
			...dateRangeOptions('Created', 'created'),
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				placeholder: 'acct_…',
				description: 'Only transfers to this connected account',
			},
			{
				displayName: 'Transfer Group',
				name: 'transferGroup',
				type: 'string',
				default: '',
				routing: { send: { type: 'query', property: 'transfer_group' } },
			},
		],
	},
	optionsCollection(showOnlyForTransferGetAll, {}),
];
