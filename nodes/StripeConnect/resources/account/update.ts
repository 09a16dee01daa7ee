import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import {
	idField,
	metadataFields,
	optionsCollection,
	updateFieldsCollection,
} from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';
import { delayDaysCheck, payoutScheduleOptions } from '../payoutSchedule/scheduleOptions';
import { businessProfileOptions } from './businessProfile';

export const showOnlyForAccountUpdate = { operation: ['update'], resource: ['account'] };

export const accountUpdateOperation = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a connected account',
	description:
		'Changes email, business profile, payout schedule or metadata of a connected account',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/accounts/', 'accountId'),
	checks: [
		idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account),
		delayDaysCheck('payoutSchedule'),
	],
});

export const accountUpdateDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForAccountUpdate,
		'The connected account to update (acct_…)',
	),
	updateFieldsCollection(showOnlyForAccountUpdate, [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			routing: { send: { type: 'body', property: 'email' } },
		},
		...businessProfileOptions,
	]),
	{
		displayName: 'Payout Schedule',
		name: 'payoutSchedule',
		type: 'collection',
		placeholder: 'Add Schedule Setting',
		default: {},
		displayOptions: { show: showOnlyForAccountUpdate },
		options: payoutScheduleOptions,
	},
	...metadataFields(showOnlyForAccountUpdate, true),
	optionsCollection(showOnlyForAccountUpdate, { post: true }),
];
