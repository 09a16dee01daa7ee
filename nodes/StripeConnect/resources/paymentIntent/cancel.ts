import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { field, pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentCancel = {
	operation: ['cancel'],
	resource: ['paymentIntent'],
};

const paymentIntentCancel = stripeOperation({
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a payment intent',
	description: 'Cancels a payment intent that is not yet captured, releasing any authorization',
	effect: 'changes',
	method: 'POST',
	path: '/v1/payment_intents/{paymentIntentId}/cancel',
	show: showOnlyForPaymentIntentCancel,
	connectedAccount: true,
	fields: [
		pathIdField(
			'paymentIntentId',
			'Payment Intent ID',
			STRIPE_ID_PREFIXES.paymentIntent,
			'The payment intent (pi_…)',
		),
		field({
			name: 'cancellationReason',
			displayName: 'Cancellation Reason',
			value: {
				kind: 'option',
				options: [
					{ name: 'Abandoned', value: 'abandoned' },
					{ name: 'Duplicate', value: 'duplicate' },
					{ name: 'Fraudulent', value: 'fraudulent' },
					{ name: 'Requested by Customer', value: 'requested_by_customer' },
				],
			},
			default: 'requested_by_customer',
			to: { in: 'body', name: 'cancellation_reason' },
		}),
	],
});

export const paymentIntentCancelOperation = paymentIntentCancel.option;
export const paymentIntentCancelDescription: INodeProperties[] = paymentIntentCancel.properties;
