import type { INodeProperties } from 'n8n-workflow';

import { dateRangeChecks } from '../../shared/checks';
import {
	dateRangeOptions,
	filtersCollection,
	listFields,
	optionsCollection,
} from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForEventGetAll = { operation: ['getAll'], resource: ['event'] };

export const eventGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many events',
	description: 'Lists events of the last 30 days, newest first, optionally only some types',
	effect: 'reads',
	method: 'GET',
	url: '/v1/events',
	list: true,
	checks: [
		{
			kind: 'eventTypes',
			parameter: 'filters.types',
			field: 'Filters → Types',
			optional: true,
			target: 'qs',
			property: 'types',
		},
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const eventGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForEventGetAll),
	filtersCollection(showOnlyForEventGetAll, [
		...dateRangeOptions('Created', 'created'),
		{
			displayName: 'Type',
			name: 'type',
			type: 'string',
			default: '',
			placeholder: 'payout.*',
			description: 'One event type; may end in * to match a group (e.g. payout.*)',
			routing: { send: { type: 'query', property: 'type' } },
		},
		{
			displayName: 'Types',
			name: 'types',
			type: 'string',
			default: '',
			placeholder: 'payout.paid, payout.failed',
			description:
				'Comma-separated exact event types, up to 20 (e.g. payout.paid, payout.failed). For a wildcard such as payout.* use the Type filter.',
		},
	]),
	optionsCollection(showOnlyForEventGetAll, { connectedAccount: true }),
];
