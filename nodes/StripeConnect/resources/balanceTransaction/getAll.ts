import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import {
	dateRangeOptions,
	filtersCollection,
	listFields,
	optionsCollection,
} from '../../shared/fields';
import { idFilter } from '../../shared/filters';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForBalanceTransactionGetAll = {
	operation: ['getAll'],
	resource: ['balanceTransaction'],
};

const payoutFilter = idFilter({
	name: 'payout',
	displayName: 'Payout',
	placeholder: 'po_…',
	prefixes: STRIPE_ID_PREFIXES.payout,
	property: 'payout',
	description: 'Only transactions settled by this automatic payout',
});

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
		payoutFilter.check,
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
	filtersCollection(showOnlyForBalanceTransactionGetAll, [
		...dateRangeOptions('Created', 'created'),
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			default: '',
			placeholder: 'usd',
		},
		payoutFilter.option,
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
	]),
	optionsCollection(showOnlyForBalanceTransactionGetAll, { connectedAccount: true }),
];
