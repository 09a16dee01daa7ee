import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import { dateRangeOptions, listFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeGetAll = { operation: ['getAll'], resource: ['dispute'] };

export const disputeGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many disputes',
	description: 'Lists disputes, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/disputes',
	list: true,
	checks: [
		{
			kind: 'id',
			parameter: 'filters.charge',
			field: 'Filters → Charge',
			prefixes: STRIPE_ID_PREFIXES.charge,
			optional: true,
			target: 'qs',
			property: 'charge',
		},
		{
			kind: 'id',
			parameter: 'filters.paymentIntent',
			field: 'Filters → Payment Intent',
			prefixes: STRIPE_ID_PREFIXES.paymentIntent,
			optional: true,
			target: 'qs',
			property: 'payment_intent',
		},
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const disputeGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForDisputeGetAll),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForDisputeGetAll },
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
	optionsCollection(showOnlyForDisputeGetAll, { connectedAccount: true }),
];
