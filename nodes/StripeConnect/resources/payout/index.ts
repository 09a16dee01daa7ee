import type { INodeProperties } from 'n8n-workflow';

import { payoutCancelDescription, payoutCancelOperation } from './cancel';
import { payoutCreateDescription, payoutCreateOperation } from './create';
import { payoutGetDescription, payoutGetOperation } from './get';
import { payoutGetAllDescription, payoutGetAllOperation } from './getAll';
import { payoutReverseDescription, payoutReverseOperation } from './reverse';
import { payoutUpdateDescription, payoutUpdateOperation } from './update';

const showOnlyForPayouts = { resource: ['payout'] };

export const payoutDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPayouts },
		options: [
			payoutCancelOperation,
			payoutCreateOperation,
			payoutGetOperation,
			payoutGetAllOperation,
			payoutReverseOperation,
			payoutUpdateOperation,
		],
		default: 'create',
	},
	...payoutCancelDescription,
	...payoutCreateDescription,
	...payoutGetDescription,
	...payoutGetAllDescription,
	...payoutReverseDescription,
	...payoutUpdateDescription,
];
