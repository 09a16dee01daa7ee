import type { INodeProperties } from 'n8n-workflow';

import { accountCreateDescription, accountCreateOperation } from './create';
import { accountDeleteDescription, accountDeleteOperation } from './delete';
import { accountGetDescription, accountGetOperation } from './get';
import { accountGetAllDescription, accountGetAllOperation } from './getAll';
import { accountGetPlatformDescription, accountGetPlatformOperation } from './getPlatform';
import { accountRejectDescription, accountRejectOperation } from './reject';
import { accountUpdateDescription, accountUpdateOperation } from './update';

const showOnlyForAccounts = { resource: ['account'] };

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAccounts },
		options: [
			accountCreateOperation,
			accountDeleteOperation,
			accountGetOperation,
			accountGetAllOperation,
			accountGetPlatformOperation,
			accountRejectOperation,
			accountUpdateOperation,
		],
		default: 'get',
	},
	...accountCreateDescription,
	...accountDeleteDescription,
	...accountGetDescription,
	...accountGetAllDescription,
	...accountGetPlatformDescription,
	...accountRejectDescription,
	...accountUpdateDescription,
];
