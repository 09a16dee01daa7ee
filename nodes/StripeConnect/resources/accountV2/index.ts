import type { INodeProperties } from 'n8n-workflow';

import { accountV2CloseDescription, accountV2CloseOperation } from './close';
import { accountV2CreateDescription, accountV2CreateOperation } from './create';
import { accountV2GetDescription, accountV2GetOperation } from './get';
import { accountV2GetAllDescription, accountV2GetAllOperation } from './getAll';
import { accountV2UpdateDescription, accountV2UpdateOperation } from './update';

const showOnlyForAccountsV2 = { resource: ['accountV2'] };

export const accountV2Description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAccountsV2 },
		options: [
			accountV2CloseOperation,
			accountV2CreateOperation,
			accountV2GetOperation,
			accountV2GetAllOperation,
			accountV2UpdateOperation,
		],
		default: 'get',
	},
	...accountV2CreateDescription,
	...accountV2CloseDescription,
	...accountV2GetDescription,
	...accountV2GetAllDescription,
	...accountV2UpdateDescription,
];
