import type { INodeProperties } from 'n8n-workflow';

import { listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentSearch = {
	operation: ['search'],
	resource: ['paymentIntent'],
};

export const paymentIntentSearchOperation = stripeOperation({
	name: 'Search',
	value: 'search',
	action: 'Search payment intents',
	description:
		"Finds payment intents with Stripe's search query language (e.g. status:'succeeded' AND metadata['order_id']:'42')",
	effect: 'reads',
	method: 'GET',
	url: '/v1/payment_intents/search',
	list: true,
});

export const paymentIntentSearchDescription: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: "status:'succeeded' AND metadata['order_id']:'42'",
		description: 'A Stripe search query. Results can lag new writes by up to a minute.',
		displayOptions: { show: showOnlyForPaymentIntentSearch },
		routing: { send: { type: 'query', property: 'query' } },
	},
	...listFields(showOnlyForPaymentIntentSearch),
	optionsCollection(showOnlyForPaymentIntentSearch, { connectedAccount: true }),
];
