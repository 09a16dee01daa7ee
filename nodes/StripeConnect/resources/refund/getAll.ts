import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundGetAll = { operation: ['getAll'], resource: ['refund'] };

export const refundGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many refunds',
	description: 'Lists refunds, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/refunds',
	list: true,
	checks: [
		{
			kind: 'id',
			parameter: 'filters.paymentIntent',
			field: 'Filters → Payment Intent',
			prefixes: STRIPE_ID_PREFIXES.paymentIntent,
			optional: true,
			target: 'qs',
			property: 'payment_intent',
		},
		{
			kind: 'id',
			parameter: 'filters.charge',
			field: 'Filters → Charge',
			prefixes: STRIPE_ID_PREFIXES.charge,
			optional: true,
			target: 'qs',
			property: 'charge',
		},
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const refundGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForRefundGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForRefundGetAll },
		options: [
			...dateRangeOptions('Created', 'created'),
			{ displayName: 'Charge', name: 'charge', type: 'string', default: '', placeholder: 'ch_…' },
			{
				displayName: 'Payment Intent',
				name: 'paymentIntent',
				type: 'string',
				default: '',
				placeholder: 'pi_…',
			},
		],
	},
	optionsCollection(showOnlyForRefundGetAll, { connectedAccount: true }),
];
