import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { bodyText, descriptionField, field, pathIdField, updateFields } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { IN_SMALLEST_UNIT } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentUpdate = {
	operation: ['update'],
	resource: ['paymentIntent'],
};

const paymentIntentUpdate = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a payment intent',
	description:
		'Changes an unconfirmed payment intent: amount, application fee, description, transfer group or metadata',
	effect: 'changes',
	method: 'POST',
	path: '/v1/payment_intents/{paymentIntentId}',
	show: showOnlyForPaymentIntentUpdate,
	connectedAccount: true,
	fields: [
		pathIdField(
			'paymentIntentId',
			'Payment Intent ID',
			STRIPE_ID_PREFIXES.paymentIntent,
			'The payment intent (pi_…)',
		),
		updateFields([
			field({
				name: 'amount',
				displayName: 'Amount',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'amount' },
				description: `New amount, ${IN_SMALLEST_UNIT}`,
			}),
			field({
				name: 'applicationFeeAmount',
				displayName: 'Application Fee Amount',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'application_fee_amount' },
				description: `New platform fee, ${IN_SMALLEST_UNIT}`,
			}),
			descriptionField(),
			bodyText('transferGroup', 'Transfer Group', 'transfer_group'),
		]),
		...metadataFields(true),
	],
});

export const paymentIntentUpdateOperation = paymentIntentUpdate.option;
export const paymentIntentUpdateDescription: INodeProperties[] = paymentIntentUpdate.properties;
