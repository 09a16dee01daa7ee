import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeFilters, filters, idFilter } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentGetAll = {
	operation: ['getAll'],
	resource: ['paymentIntent'],
};

const paymentIntentGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many payment intents',
	description: 'Lists payment intents, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/payment_intents',
	show: showOnlyForPaymentIntentGetAll,
	list: true,
	connectedAccount: true,
	fields: [
		filters([
			...dateRangeFilters('Created', 'created', 'created'),
			idFilter('customer', 'Customer', STRIPE_ID_PREFIXES.customer, 'customer'),
		]),
	],
});

export const paymentIntentGetAllOperation = paymentIntentGetAll.option;
export const paymentIntentGetAllDescription: INodeProperties[] = paymentIntentGetAll.properties;
