import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';
import { sendPayoutScheduleRequest } from './output';
import { delayDaysCheck, payoutScheduleOptions } from './scheduleOptions';

export const showOnlyForPayoutScheduleUpdate = {
	operation: ['update'],
	resource: ['payoutSchedule'],
};

export const payoutScheduleUpdateOperation = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update the payout schedule of an account',
	description: 'Sets how often a connected account is paid out (interval, anchor day, delay days)',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/accounts/', 'accountId'),
	checks: [
		idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account),
		delayDaysCheck('schedule'),
	],
	hook: sendPayoutScheduleRequest,
});

export const payoutScheduleUpdateDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForPayoutScheduleUpdate,
		'The connected account (acct_…)',
	),
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'collection',
		placeholder: 'Add Schedule Setting',
		default: {},
		displayOptions: { show: showOnlyForPayoutScheduleUpdate },
		options: payoutScheduleOptions,
	},
	optionsCollection(showOnlyForPayoutScheduleUpdate, { post: true }),
];
