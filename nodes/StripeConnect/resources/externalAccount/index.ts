import type { INodeProperties } from 'n8n-workflow';

import { externalAccountGetDescription, externalAccountGetOperation } from './get';
import { externalAccountGetAllDescription, externalAccountGetAllOperation } from './getAll';

const showOnlyForExternalAccounts = { resource: ['externalAccount'] };

export const externalAccountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForExternalAccounts },
		options: [externalAccountGetOperation, externalAccountGetAllOperation],
		default: 'getAll',
	},
	...externalAccountGetDescription,
	...externalAccountGetAllDescription,
];
