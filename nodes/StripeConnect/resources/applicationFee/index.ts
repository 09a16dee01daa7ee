import type { INodeProperties } from 'n8n-workflow';

import { applicationFeeGetDescription, applicationFeeGetOperation } from './get';
import { applicationFeeGetAllDescription, applicationFeeGetAllOperation } from './getAll';
import {
	applicationFeeGetManyRefundsDescription,
	applicationFeeGetManyRefundsOperation,
} from './getManyRefunds';
import { applicationFeeRefundDescription, applicationFeeRefundOperation } from './refund';

const showOnlyForApplicationFees = { resource: ['applicationFee'] };

export const applicationFeeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForApplicationFees },
		options: [
			applicationFeeGetOperation,
			applicationFeeGetAllOperation,
			applicationFeeGetManyRefundsOperation,
			applicationFeeRefundOperation,
		],
		default: 'getAll',
	},
	...applicationFeeGetDescription,
	...applicationFeeGetAllDescription,
	...applicationFeeGetManyRefundsDescription,
	...applicationFeeRefundDescription,
];
