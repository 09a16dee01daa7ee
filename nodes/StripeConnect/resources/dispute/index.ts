import type { INodeProperties } from 'n8n-workflow';

import { disputeCloseDescription, disputeCloseOperation } from './close';
import { disputeGetDescription, disputeGetOperation } from './get';
import { disputeGetAllDescription, disputeGetAllOperation } from './getAll';
import { disputeUpdateDescription, disputeUpdateOperation } from './update';

const showOnlyForDisputes = { resource: ['dispute'] };

export const disputeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForDisputes },
		options: [
			disputeCloseOperation,
			disputeGetOperation,
			disputeGetAllOperation,
			disputeUpdateOperation,
		],
		default: 'getAll',
	},
	...disputeCloseDescription,
	...disputeGetDescription,
	...disputeGetAllDescription,
	...disputeUpdateDescription,
];
