import type { INodeProperties } from 'n8n-workflow';

import { payoutScheduleGetDescription, payoutScheduleGetOperation } from './get';
import { payoutScheduleUpdateDescription, payoutScheduleUpdateOperation } from './update';

const showOnlyForPayoutSchedules = { resource: ['payoutSchedule'] };

export const payoutScheduleDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPayoutSchedules },
		options: [payoutScheduleGetOperation, payoutScheduleUpdateOperation],
		default: 'get',
	},
	...payoutScheduleGetDescription,
	...payoutScheduleUpdateDescription,
];
