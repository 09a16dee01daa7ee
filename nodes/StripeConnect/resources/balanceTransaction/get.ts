import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForBalanceTransactionGet = {
	operation: ['get'],
	resource: ['balanceTransaction'],
};

const balanceTransactionGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a balance transaction',
	description: 'Retrieves one balance transaction (amount, fee, net, source)',
	effect: 'reads',
	method: 'GET',
	path: '/v1/balance_transactions/{balanceTransactionId}',
	show: showOnlyForBalanceTransactionGet,
	connectedAccount: true,
	fields: [
		pathIdField(
			'balanceTransactionId',
			'Balance Transaction ID',
			STRIPE_ID_PREFIXES.balanceTransaction,
			'The balance transaction (txn_…)',
		),
	],
});

export const balanceTransactionGetOperation = balanceTransactionGet.option;
export const balanceTransactionGetDescription: INodeProperties[] = balanceTransactionGet.properties;
