import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck, optionalAmountCheck } from '../../shared/checks';
import { additionalFieldsCollection, idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentCapture = {
	operation: ['capture'],
	resource: ['paymentIntent'],
};

export const paymentIntentCaptureOperation = stripeOperation({
	name: 'Capture',
	value: 'capture',
	action: 'Capture a payment intent',
	description:
		'Captures the funds of an authorized payment intent (capture method manual), all or part of them',
	effect: 'movesMoney',
	method: 'POST',
	url: idPath('/v1/payment_intents/', 'paymentIntentId', '/capture'),
	checks: [
		idCheck('paymentIntentId', 'Payment Intent ID', STRIPE_ID_PREFIXES.paymentIntent),
		optionalAmountCheck(
			'additionalFields.amountToCapture',
			'Amount to Capture',
			'amount_to_capture',
		),
		optionalAmountCheck(
			'additionalFields.applicationFeeAmount',
			'Application Fee Amount',
			'application_fee_amount',
		),
	],
});

export const paymentIntentCaptureDescription: INodeProperties[] = [
	idField(
		'paymentIntentId',
		'Payment Intent ID',
		'pi_…',
		showOnlyForPaymentIntentCapture,
		'The authorized payment intent (pi_…)',
	),
	additionalFieldsCollection(showOnlyForPaymentIntentCapture, [
		{
			displayName: 'Amount to Capture',
			name: 'amountToCapture',
			type: 'number',
			default: 0,
			description: 'Capture less than authorized, in the smallest currency unit (default: all)',
		},
		{
			displayName: 'Application Fee Amount',
			name: 'applicationFeeAmount',
			type: 'number',
			default: 0,
			description: 'The platform fee for the captured amount, in the smallest currency unit',
		},
	]),
	optionsCollection(showOnlyForPaymentIntentCapture, { connectedAccount: true, post: true }),
];
