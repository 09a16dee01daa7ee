import type { INodeProperties } from 'n8n-workflow';

import { queryText } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentSearch = {
	operation: ['search'],
	resource: ['paymentIntent'],
};

const paymentIntentSearch = stripeOperation({
	name: 'Search',
	value: 'search',
	action: 'Search payment intents',
	description:
		"Finds payment intents with Stripe's search query language (e.g. status:'succeeded' AND metadata['order_id']:'42')",
	effect: 'reads',
	method: 'GET',
	path: '/v1/payment_intents/search',
	show: showOnlyForPaymentIntentSearch,
	list: true,
	connectedAccount: true,
	fields: [
		queryText('query', 'Query', 'query', {
			placeholder: "status:'succeeded' AND metadata['order_id']:'42'",
			description: 'A Stripe search query. Results can lag new writes by up to a minute.',
		}),
	],
});

export const paymentIntentSearchOperation = paymentIntentSearch.option;
export const paymentIntentSearchDescription: INodeProperties[] = paymentIntentSearch.properties;
