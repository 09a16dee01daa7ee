import type { INodeProperties } from 'n8n-workflow';

import { balanceTransactionGetDescription, balanceTransactionGetOperation } from './get';
import { balanceTransactionGetAllDescription, balanceTransactionGetAllOperation } from './getAll';

const showOnlyForBalanceTransactions = { resource: ['balanceTransaction'] };

export const balanceTransactionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForBalanceTransactions },
		options: [balanceTransactionGetOperation, balanceTransactionGetAllOperation],
		default: 'getAll',
	},
	...balanceTransactionGetDescription,
	...balanceTransactionGetAllDescription,
];
