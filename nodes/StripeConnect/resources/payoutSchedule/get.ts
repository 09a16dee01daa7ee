import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { payoutScheduleOf } from './output';

export const showOnlyForPayoutScheduleGet = { operation: ['get'], resource: ['payoutSchedule'] };

const payoutScheduleGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get the payout schedule of an account',
	description:
		'Returns the payout settings (schedule, statement descriptor) of a connected account',
	effect: 'reads',
	method: 'GET',
	path: '/v1/accounts/{accountId}',
	show: showOnlyForPayoutScheduleGet,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
	],
	output: payoutScheduleOf,
});

export const payoutScheduleGetOperation = payoutScheduleGet.option;
export const payoutScheduleGetDescription: INodeProperties[] = payoutScheduleGet.properties;
