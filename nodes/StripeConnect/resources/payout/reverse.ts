import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutReverse = { operation: ['reverse'], resource: ['payout'] };

const payoutReverse = stripeOperation({
	name: 'Reverse',
	value: 'reverse',
	action: 'Reverse a payout',
	description:
		'Reverses a paid payout to a US bank account by creating a new payout that pulls the funds back',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/payouts/{payoutId}/reverse',
	show: showOnlyForPayoutReverse,
	connectedAccount: true,
	fields: [
		pathIdField('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout, 'The payout (po_…)'),
		...metadataFields(false),
	],
});

export const payoutReverseOperation = payoutReverse.option;
export const payoutReverseDescription: INodeProperties[] = payoutReverse.properties;
