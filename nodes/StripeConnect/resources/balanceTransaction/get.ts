import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForBalanceTransactionGet = {
	operation: ['get'],
	resource: ['balanceTransaction'],
};

export const balanceTransactionGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a balance transaction',
	description: 'Retrieves one balance transaction (amount, fee, net, source)',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/balance_transactions/', 'balanceTransactionId'),
	checks: [
		idCheck(
			'balanceTransactionId',
			'Balance Transaction ID',
			STRIPE_ID_PREFIXES.balanceTransaction,
		),
	],
});

export const balanceTransactionGetDescription: INodeProperties[] = [
	idField(
		'balanceTransactionId',
		'Balance Transaction ID',
		'txn_…',
		showOnlyForBalanceTransactionGet,
		'The balance transaction (txn_…)',
	),
	optionsCollection(showOnlyForBalanceTransactionGet, { connectedAccount: true }),
];
