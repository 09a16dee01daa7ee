import type { INodeProperties } from 'n8n-workflow';

import { transferReversalCreateDescription, transferReversalCreateOperation } from './create';
import { transferReversalGetDescription, transferReversalGetOperation } from './get';
import { transferReversalGetAllDescription, transferReversalGetAllOperation } from './getAll';

const showOnlyForTransferReversals = { resource: ['transferReversal'] };

export const transferReversalDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForTransferReversals },
		options: [
			transferReversalCreateOperation,
			transferReversalGetOperation,
			transferReversalGetAllOperation,
		],
		default: 'create',
	},
	...transferReversalCreateDescription,
	...transferReversalGetDescription,
	...transferReversalGetAllDescription,
];
