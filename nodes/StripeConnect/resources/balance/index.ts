import type { INodeProperties } from 'n8n-workflow';

import { balanceGetDescription, balanceGetOperation } from './get';

const showOnlyForBalance = { resource: ['balance'] };

export const balanceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForBalance },
		options: [balanceGetOperation],
		default: 'get',
	},
	...balanceGetDescription,
];
