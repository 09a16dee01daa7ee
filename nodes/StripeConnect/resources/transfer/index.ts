import type { INodeProperties } from 'n8n-workflow';

import { transferCreateDescription, transferCreateOperation } from './create';
import { transferGetDescription, transferGetOperation } from './get';
import { transferGetAllDescription, transferGetAllOperation } from './getAll';
import { transferUpdateDescription, transferUpdateOperation } from './update';

const showOnlyForTransfers = { resource: ['transfer'] };

export const transferDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForTransfers },
		options: [
			transferCreateOperation,
			transferGetOperation,
			transferGetAllOperation,
			transferUpdateOperation,
		],
		default: 'create',
	},
	...transferCreateDescription,
	...transferGetDescription,
	...transferGetAllDescription,
	...transferUpdateDescription,
];
