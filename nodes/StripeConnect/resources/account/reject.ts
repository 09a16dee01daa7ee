import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { field, pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountReject = { operation: ['reject'], resource: ['account'] };

const accountReject = stripeOperation({
	name: 'Reject',
	value: 'reject',
	action: 'Reject a connected account',
	description:
		'Rejects a connected account (fraud, terms of service or other); it can no longer charge or pay out',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts/{accountId}/reject',
	show: showOnlyForAccountReject,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		field({
			name: 'reason',
			displayName: 'Reason',
			value: {
				kind: 'option',
				options: [
					{ name: 'Fraud', value: 'fraud' },
					{ name: 'Other', value: 'other' },
					{ name: 'Terms of Service', value: 'terms_of_service' },
				],
			},
			to: { in: 'body', name: 'reason' },
		}),
	],
});

export const accountRejectOperation = accountReject.option;
export const accountRejectDescription: INodeProperties[] = accountReject.properties;
