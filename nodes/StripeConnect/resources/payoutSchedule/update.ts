import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { payoutScheduleOf } from './output';
import { payoutScheduleCollection } from './scheduleOptions';

export const showOnlyForPayoutScheduleUpdate = {
	operation: ['update'],
	resource: ['payoutSchedule'],
};

const payoutScheduleUpdate = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update the payout schedule of an account',
	description: 'Sets how often a connected account is paid out (interval, payout days, delay days)',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts/{accountId}',
	show: showOnlyForPayoutScheduleUpdate,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		payoutScheduleCollection({
			name: 'schedule',
			displayName: 'Schedule',
			placeholder: 'Add Schedule Setting',
		}),
	],
	output: payoutScheduleOf,
});

export const payoutScheduleUpdateOperation = payoutScheduleUpdate.option;
export const payoutScheduleUpdateDescription: INodeProperties[] = payoutScheduleUpdate.properties;
