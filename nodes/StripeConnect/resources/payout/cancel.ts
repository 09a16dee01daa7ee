import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutCancel = { operation: ['cancel'], resource: ['payout'] };

const payoutCancel = stripeOperation({
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a payout',
	description: 'Cancels a pending payout; the funds return to the available balance',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/payouts/{payoutId}/cancel',
	show: showOnlyForPayoutCancel,
	connectedAccount: true,
	fields: [pathIdField('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout, 'The payout (po_…)')],
});

export const payoutCancelOperation = payoutCancel.option;
export const payoutCancelDescription: INodeProperties[] = payoutCancel.properties;
