import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutGetAll = { operation: ['getAll'], resource: ['payout'] };

export const payoutGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many payouts',
	description: 'Lists payouts of the platform or a connected account, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/payouts',
	list: true,
	checks: [
		{
			kind: 'id',
			parameter: 'filters.destination',
			field: 'Filters → Destination',
			prefixes: STRIPE_ID_PREFIXES.externalAccount,
			optional: true,
			target: 'qs',
			property: 'destination',
		},
		...dateRangeChecks('filters', 'Arrival Date', 'arrivalDate', 'arrival_date'),
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const payoutGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForPayoutGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForPayoutGetAll },
		options: [
			...dateRangeOptions('Arrival Date', 'arrivalDate'),
			...dateRangeOptions('Created', 'created'),
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				placeholder: 'ba_… or card_…',
				description: 'Only payouts to this external account',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'paid',
				options: [
					{ name: 'Canceled', value: 'canceled' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'In Transit', value: 'in_transit' },
					{ name: 'Paid', value: 'paid' },
					{ name: 'Pending', value: 'pending' },
				],
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
	optionsCollection(showOnlyForPayoutGetAll, { connectedAccount: true }),
];
