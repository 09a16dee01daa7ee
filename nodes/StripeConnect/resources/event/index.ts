import type { INodeProperties } from 'n8n-workflow';

import { eventGetDescription, eventGetOperation } from './get';
import { eventGetAllDescription, eventGetAllOperation } from './getAll';

const showOnlyForEvents = { resource: ['event'] };

export const eventDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForEvents },
		options: [eventGetOperation, eventGetAllOperation],
		default: 'getAll',
	},
	...eventGetDescription,
	...eventGetAllDescription,
];
