import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForBalanceTransactionGetAll = {
	operation: ['getAll'],
	resource: ['balanceTransaction'],
};

export const balanceTransactionGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many balance transactions',
	description:
		'Lists balance transactions, e.g. everything a payout settled (filter by Payout), newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/balance_transactions',
	list: true,
	checks: [
		{
			kind: 'id',
			parameter: 'filters.payout',
			field: 'Filters → Payout',
			prefixes: STRIPE_ID_PREFIXES.payout,
			optional: true,
			target: 'qs',
			property: 'payout',
		},
		{
			kind: 'currency',
			parameter: 'filters.currency',
			field: 'Filters → Currency',
			optional: true,
			target: 'qs',
			property: 'currency',
		},
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const balanceTransactionGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForBalanceTransactionGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForBalanceTransactionGetAll },
		options: [
			...dateRangeOptions('Created', 'created'),
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'usd',
			},
			{
				displayName: 'Payout',
				name: 'payout',
				type: 'string',
				default: '',
				placeholder: 'po_…',
				description: 'Only transactions settled by this automatic payout',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'string',
				default: '',
				placeholder: 'ch_…',
				description: 'Only transactions created by this source (charge, transfer, refund…)',
				routing: { send: { type: 'query', property: 'source' } },
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'string',
				default: '',
				placeholder: 'charge',
				description: 'Only this transaction type, e.g. charge, payment, payout, transfer, refund',
				routing: { send: { type: 'query', property: 'type' } },
			},
		],
	},
	optionsCollection(showOnlyForBalanceTransactionGetAll, { connectedAccount: true }),
];
