import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutCancel = { operation: ['cancel'], resource: ['payout'] };

export const payoutCancelOperation = stripeOperation({
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a payout',
	description: 'Cancels a pending payout; the funds return to the available balance',
	effect: 'movesMoney',
	method: 'POST',
	url: idPath('/v1/payouts/', 'payoutId', '/cancel'),
	checks: [idCheck('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout)],
});

export const payoutCancelDescription: INodeProperties[] = [
	idField(
		'payoutId',
		'Payout ID',
		'po_…',
		showOnlyForPayoutCancel,
		'The pending payout to cancel (po_…)',
	),
	optionsCollection(showOnlyForPayoutCancel, { connectedAccount: true, post: true }),
];
