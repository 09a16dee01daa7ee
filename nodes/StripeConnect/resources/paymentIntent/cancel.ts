import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentCancel = {
	operation: ['cancel'],
	resource: ['paymentIntent'],
};

export const paymentIntentCancelOperation = stripeOperation({
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a payment intent',
	description: 'Cancels a payment intent that is not yet captured, releasing any authorization',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/payment_intents/', 'paymentIntentId', '/cancel'),
	checks: [idCheck('paymentIntentId', 'Payment Intent ID', STRIPE_ID_PREFIXES.paymentIntent)],
});

export const paymentIntentCancelDescription: INodeProperties[] = [
	idField(
		'paymentIntentId',
		'Payment Intent ID',
		'pi_…',
		showOnlyForPaymentIntentCancel,
		'The payment intent (pi_…)',
	),
	{
		displayName: 'Cancellation Reason',
		name: 'cancellationReason',
		type: 'options',
		default: 'requested_by_customer',
		options: [
			{ name: 'Abandoned', value: 'abandoned' },
			{ name: 'Duplicate', value: 'duplicate' },
			{ name: 'Fraudulent', value: 'fraudulent' },
			{ name: 'Requested by Customer', value: 'requested_by_customer' },
		],
		displayOptions: { show: showOnlyForPaymentIntentCancel },
		routing: { send: { type: 'body', property: 'cancellation_reason' } },
	},
	optionsCollection(showOnlyForPaymentIntentCancel, { connectedAccount: true, post: true }),
];
