import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idField, metadataFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentUpdate = {
	operation: ['update'],
	resource: ['paymentIntent'],
};

export const paymentIntentUpdateOperation = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a payment intent',
	description:
		'Changes an unconfirmed payment intent: amount, application fee, description, transfer group or metadata',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/payment_intents/', 'paymentIntentId'),
	checks: [
		{
			kind: 'id',
			parameter: 'paymentIntentId',
			field: 'Payment Intent ID',
			prefixes: STRIPE_ID_PREFIXES.paymentIntent,
		},
		{
			kind: 'amount',
			parameter: 'updateFields.amount',
			field: 'Amount',
			optional: true,
			target: 'body',
			property: 'amount',
		},
		{
			kind: 'amount',
			parameter: 'updateFields.applicationFeeAmount',
			field: 'Application Fee Amount',
			optional: true,
			target: 'body',
			property: 'application_fee_amount',
		},
	],
});

export const paymentIntentUpdateDescription: INodeProperties[] = [
	idField(
		'paymentIntentId',
		'Payment Intent ID',
		'pi_…',
		showOnlyForPaymentIntentUpdate,
		'The payment intent (pi_…)',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForPaymentIntentUpdate },
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				default: 0,
				description: 'New amount in the smallest currency unit',
			},
			{
				displayName: 'Application Fee Amount',
				name: 'applicationFeeAmount',
				type: 'number',
				default: 0,
				description: 'New platform fee in the smallest currency unit',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'description' } },
			},
			{
				displayName: 'Transfer Group',
				name: 'transferGroup',
				type: 'string',
				default: '',
				routing: { send: { type: 'body', property: 'transfer_group' } },
			},
		],
	},
	...metadataFields(showOnlyForPaymentIntentUpdate, true),
	optionsCollection(showOnlyForPaymentIntentUpdate, { connectedAccount: true, post: true }),
];
