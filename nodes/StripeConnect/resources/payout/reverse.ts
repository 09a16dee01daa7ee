import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, metadataFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutReverse = { operation: ['reverse'], resource: ['payout'] };

export const payoutReverseOperation = stripeOperation({
	name: 'Reverse',
	value: 'reverse',
	action: 'Reverse a payout',
	description:
		'Reverses a paid payout to a US bank account by creating a new payout that pulls the funds back',
	effect: 'movesMoney',
	method: 'POST',
	url: idPath('/v1/payouts/', 'payoutId', '/reverse'),
	checks: [idCheck('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout)],
});

export const payoutReverseDescription: INodeProperties[] = [
	idField(
		'payoutId',
		'Payout ID',
		'po_…',
		showOnlyForPayoutReverse,
		'The paid payout to reverse (po_…)',
	),
	...metadataFields(showOnlyForPayoutReverse, false),
	optionsCollection(showOnlyForPayoutReverse, { connectedAccount: true, post: true }),
];
