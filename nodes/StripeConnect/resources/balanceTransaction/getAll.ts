import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeFilters, field, filters, idFilter, queryText } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForBalanceTransactionGetAll = {
	operation: ['getAll'],
	resource: ['balanceTransaction'],
};

const balanceTransactionGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many balance transactions',
	description:
		'Lists balance transactions, e.g. everything a payout settled (filter by Payout), newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/balance_transactions',
	show: showOnlyForBalanceTransactionGetAll,
	list: true,
	connectedAccount: true,
	fields: [
		filters([
			...dateRangeFilters('Created', 'created', 'created'),
			field({
				name: 'currency',
				displayName: 'Currency',
				value: { kind: 'currency' },
				to: { in: 'query', name: 'currency' },
				placeholder: 'usd',
			}),
			idFilter(
				'payout',
				'Payout',
				STRIPE_ID_PREFIXES.payout,
				'payout',
				'Only transactions settled by this automatic payout',
			),
			queryText('source', 'Source', 'source', {
				placeholder: 'ch_…',
				description: 'Only transactions created by this source (charge, transfer, refund…)',
			}),
			queryText('type', 'Type', 'type', {
				placeholder: 'charge',
				description: 'Only this transaction type, e.g. charge, payment, payout, transfer, refund',
			}),
		]),
	],
});

export const balanceTransactionGetAllOperation = balanceTransactionGetAll.option;
export const balanceTransactionGetAllDescription: INodeProperties[] =
	balanceTransactionGetAll.properties;
