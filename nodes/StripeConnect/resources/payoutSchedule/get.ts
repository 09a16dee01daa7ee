import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';
import { sendPayoutScheduleRequest } from './output';

export const showOnlyForPayoutScheduleGet = { operation: ['get'], resource: ['payoutSchedule'] };

export const payoutScheduleGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get the payout schedule of an account',
	description:
		'Returns the payout settings (schedule, statement descriptor) of a connected account',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/accounts/', 'accountId'),
	checks: [idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account)],
	hook: sendPayoutScheduleRequest,
});

export const payoutScheduleGetDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForPayoutScheduleGet,
		'The connected account (acct_…)',
	),
	optionsCollection(showOnlyForPayoutScheduleGet, {}),
];
