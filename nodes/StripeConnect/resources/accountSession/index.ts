import type { INodeProperties } from 'n8n-workflow';

import { accountSessionCreateDescription, accountSessionCreateOperation } from './create';

const showOnlyForAccountSessions = { resource: ['accountSession'] };

export const accountSessionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAccountSessions },
		options: [accountSessionCreateOperation],
		default: 'create',
	},
	...accountSessionCreateDescription,
];
