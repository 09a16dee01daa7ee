import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, field, pathIdField } from '../../shared/fields';
import { IN_SMALLEST_UNIT } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentCapture = {
	operation: ['capture'],
	resource: ['paymentIntent'],
};

const paymentIntentCapture = stripeOperation({
	name: 'Capture',
	value: 'capture',
	action: 'Capture a payment intent',
	description:
		'Captures the funds of an authorized payment intent (capture method manual), all or part of them',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/payment_intents/{paymentIntentId}/capture',
	show: showOnlyForPaymentIntentCapture,
	connectedAccount: true,
	fields: [
		pathIdField(
			'paymentIntentId',
			'Payment Intent ID',
			STRIPE_ID_PREFIXES.paymentIntent,
			'The payment intent (pi_…)',
		),
		additionalFields([
			field({
				name: 'amountToCapture',
				displayName: 'Amount to Capture',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'amount_to_capture' },
				description: `Capture less than authorized, ${IN_SMALLEST_UNIT}. Leave the field out to capture everything.`,
			}),
			field({
				name: 'applicationFeeAmount',
				displayName: 'Application Fee Amount',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'application_fee_amount' },
				description: `The platform fee for the captured amount, ${IN_SMALLEST_UNIT}. Leave the field out to keep the fee set on the payment intent.`,
			}),
		]),
	],
});

export const paymentIntentCaptureOperation = paymentIntentCapture.option;
export const paymentIntentCaptureDescription: INodeProperties[] = paymentIntentCapture.properties;
