import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentGet = { operation: ['get'], resource: ['paymentIntent'] };

const paymentIntentGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a payment intent',
	description: 'Retrieves one payment intent',
	effect: 'reads',
	method: 'GET',
	path: '/v1/payment_intents/{paymentIntentId}',
	show: showOnlyForPaymentIntentGet,
	connectedAccount: true,
	fields: [
		pathIdField(
			'paymentIntentId',
			'Payment Intent ID',
			STRIPE_ID_PREFIXES.paymentIntent,
			'The payment intent (pi_…)',
		),
	],
});

export const paymentIntentGetOperation = paymentIntentGet.option;
export const paymentIntentGetDescription: INodeProperties[] = paymentIntentGet.properties;
