import type { INodeProperties } from 'n8n-workflow';

import { accountLinkCreateDescription, accountLinkCreateOperation } from './create';

const showOnlyForAccountLinks = { resource: ['accountLink'] };

export const accountLinkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAccountLinks },
		options: [accountLinkCreateOperation],
		default: 'create',
	},
	...accountLinkCreateDescription,
];
