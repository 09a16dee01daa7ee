import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentGet = { operation: ['get'], resource: ['paymentIntent'] };

export const paymentIntentGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a payment intent',
	description: 'Retrieves one payment intent',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/payment_intents/', 'paymentIntentId'),
	checks: [idCheck('paymentIntentId', 'Payment Intent ID', STRIPE_ID_PREFIXES.paymentIntent)],
});

export const paymentIntentGetDescription: INodeProperties[] = [
	idField(
		'paymentIntentId',
		'Payment Intent ID',
		'pi_…',
		showOnlyForPaymentIntentGet,
		'The payment intent (pi_…)',
	),
	optionsCollection(showOnlyForPaymentIntentGet, { connectedAccount: true }),
];
