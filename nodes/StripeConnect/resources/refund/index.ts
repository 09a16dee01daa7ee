import type { INodeProperties } from 'n8n-workflow';

import { refundCancelDescription, refundCancelOperation } from './cancel';
import { refundCreateDescription, refundCreateOperation } from './create';
import { refundGetDescription, refundGetOperation } from './get';
import { refundGetAllDescription, refundGetAllOperation } from './getAll';
import { refundUpdateDescription, refundUpdateOperation } from './update';

const showOnlyForRefunds = { resource: ['refund'] };

export const refundDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForRefunds },
		options: [
			refundCancelOperation,
			refundCreateOperation,
			refundGetOperation,
			refundGetAllOperation,
			refundUpdateOperation,
		],
		default: 'create',
	},
	...refundCancelDescription,
	...refundCreateDescription,
	...refundGetDescription,
	...refundGetAllDescription,
	...refundUpdateDescription,
];
