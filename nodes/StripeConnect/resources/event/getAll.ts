import type { INodeProperties } from 'n8n-workflow';

import { dateRangeFilters, field, filters, queryText } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForEventGetAll = { operation: ['getAll'], resource: ['event'] };

const eventGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many events',
	description: 'Lists events of the last 30 days, newest first, optionally only some types',
	effect: 'reads',
	method: 'GET',
	path: '/v1/events',
	show: showOnlyForEventGetAll,
	list: true,
	connectedAccount: true,
	fields: [
		filters([
			...dateRangeFilters('Created', 'created', 'created'),
			queryText('type', 'Type', 'type', {
				placeholder: 'payout.*',
				description: 'One event type; may end in * to match a group (e.g. payout.*)',
			}),
			field({
				name: 'types',
				displayName: 'Types',
				value: { kind: 'eventTypes' },
				to: { in: 'query', name: 'types' },
				placeholder: 'payout.paid, payout.failed',
				description:
					'Comma-separated exact event types, up to 20 (e.g. payout.paid, payout.failed). For a wildcard such as payout.* use the Type filter.',
			}),
		]),
	],
});

export const eventGetAllOperation = eventGetAll.option;
export const eventGetAllDescription: INodeProperties[] = eventGetAll.properties;
