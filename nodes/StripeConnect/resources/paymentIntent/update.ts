import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck, optionalAmountCheck } from '../../shared/checks';
import {
	descriptionOption,
	idField,
	metadataFields,
	optionsCollection,
	updateFieldsCollection,
} from '../../shared/fields';
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
		idCheck('paymentIntentId', 'Payment Intent ID', STRIPE_ID_PREFIXES.paymentIntent),
		optionalAmountCheck('updateFields.amount', 'Amount', 'amount'),
		optionalAmountCheck(
			'updateFields.applicationFeeAmount',
			'Application Fee Amount',
			'application_fee_amount',
		),
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
	updateFieldsCollection(showOnlyForPaymentIntentUpdate, [
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
		descriptionOption(),
		{
			displayName: 'Transfer Group',
			name: 'transferGroup',
			type: 'string',
			default: '',
			routing: { send: { type: 'body', property: 'transfer_group' } },
		},
	]),
	...metadataFields(showOnlyForPaymentIntentUpdate, true),
	optionsCollection(showOnlyForPaymentIntentUpdate, { connectedAccount: true, post: true }),
];
