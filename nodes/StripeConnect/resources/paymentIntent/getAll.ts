import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPaymentIntentGetAll = {
	operation: ['getAll'],
	resource: ['paymentIntent'],
};

export const paymentIntentGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many payment intents',
	description: 'Lists payment intents, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/payment_intents',
	list: true,
	checks: [
		{
			kind: 'id',
			parameter: 'filters.customer',
			field: 'Filters → Customer',
			prefixes: STRIPE_ID_PREFIXES.customer,
			optional: true,
			target: 'qs',
			property: 'customer',
		},
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const paymentIntentGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForPaymentIntentGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForPaymentIntentGetAll },
		options: [
			...dateRangeOptions('Created', 'created'),
			{
				displayName: 'Customer',
				name: 'customer',
				type: 'string',
				default: '',
				placeholder: 'cus_…',
			},
		],
	},
	optionsCollection(showOnlyForPaymentIntentGetAll, { connectedAccount: true }),
];
