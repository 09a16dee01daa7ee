import type { INodeProperties } from 'n8n-workflow';

import { capabilityGetDescription, capabilityGetOperation } from './get';
import { capabilityGetAllDescription, capabilityGetAllOperation } from './getAll';
import { capabilityUpdateDescription, capabilityUpdateOperation } from './update';

const showOnlyForCapabilities = { resource: ['capability'] };

export const capabilityDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForCapabilities },
		options: [capabilityGetOperation, capabilityGetAllOperation, capabilityUpdateOperation],
		default: 'getAll',
	},
	...capabilityGetDescription,
	...capabilityGetAllDescription,
	...capabilityUpdateDescription,
];
