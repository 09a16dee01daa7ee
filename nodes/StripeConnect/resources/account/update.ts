import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { bodyText, pathIdField, updateFields } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';
import { payoutScheduleCollection } from '../payoutSchedule/scheduleOptions';
import { businessProfileFields } from './businessProfile';

export const showOnlyForAccountUpdate = { operation: ['update'], resource: ['account'] };

const accountUpdate = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a connected account',
	description:
		'Changes email, business profile, payout schedule or metadata of a connected account',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts/{accountId}',
	show: showOnlyForAccountUpdate,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		updateFields([
			bodyText('email', 'Email', 'email', { placeholder: 'name@email.com' }),
			...businessProfileFields(),
		]),
		payoutScheduleCollection({
			name: 'payoutSchedule',
			displayName: 'Payout Schedule',
			placeholder: 'Add Schedule Setting',
		}),
		...metadataFields(true),
	],
});

export const accountUpdateOperation = accountUpdate.option;
export const accountUpdateDescription: INodeProperties[] = accountUpdate.properties;
