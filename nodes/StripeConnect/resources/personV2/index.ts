import type { INodeProperties } from 'n8n-workflow';

import { personV2CreateDescription, personV2CreateOperation } from './create';
import { personV2DeleteDescription, personV2DeleteOperation } from './delete';
import { personV2GetDescription, personV2GetOperation } from './get';
import { personV2GetAllDescription, personV2GetAllOperation } from './getAll';
import { personV2UpdateDescription, personV2UpdateOperation } from './update';

const showOnlyForPersonsV2 = { resource: ['personV2'] };

export const personV2Description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPersonsV2 },
		options: [
			personV2CreateOperation,
			personV2DeleteOperation,
			personV2GetOperation,
			personV2GetAllOperation,
			personV2UpdateOperation,
		],
		default: 'get',
	},
	...personV2CreateDescription,
	...personV2DeleteDescription,
	...personV2GetDescription,
	...personV2GetAllDescription,
	...personV2UpdateDescription,
];
