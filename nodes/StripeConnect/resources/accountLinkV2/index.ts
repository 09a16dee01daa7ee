import type { INodeProperties } from 'n8n-workflow';

import { accountLinkV2CreateDescription, accountLinkV2CreateOperation } from './create';

const showOnlyForAccountLinksV2 = { resource: ['accountLinkV2'] };

export const accountLinkV2Description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAccountLinksV2 },
		options: [accountLinkV2CreateOperation],
		default: 'create',
	},
	...accountLinkV2CreateDescription,
];
