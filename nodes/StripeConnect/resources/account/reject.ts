import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForAccountReject = { operation: ['reject'], resource: ['account'] };

export const accountRejectOperation = stripeOperation({
	name: 'Reject',
	value: 'reject',
	action: 'Reject a connected account',
	description:
		'Rejects a connected account (fraud, terms of service or other); it can no longer charge or pay out',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/accounts/', 'accountId', '/reject'),
	checks: [idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account)],
});

export const accountRejectDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForAccountReject,
		'The connected account to reject (acct_…)',
	),
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'options',
		required: true,
		default: 'fraud',
		options: [
			{ name: 'Fraud', value: 'fraud' },
			{ name: 'Other', value: 'other' },
			{ name: 'Terms of Service', value: 'terms_of_service' },
		],
		displayOptions: { show: showOnlyForAccountReject },
		routing: { send: { type: 'body', property: 'reason' } },
	},
	optionsCollection(showOnlyForAccountReject, { post: true }),
];
