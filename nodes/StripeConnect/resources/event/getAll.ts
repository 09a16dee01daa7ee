import type { INodeProperties } from 'n8n-workflow';

import { dateRangeFilters, field, filters, queryText } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { refuseTogether } from '../../shared/requestSteps';

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
	// Stripe lists by `type` or by `types[]`, never both: two filters set is a mistake to name.
	steps: [
		refuseTogether(
			{ parameter: 'filters.type', field: 'Filters → Type' },
			{ parameter: 'filters.types', field: 'Filters → Types' },
			'Stripe filters events by one of them: keep Type for one type or a wildcard (payout.*), Types for a list of exact types.',
		),
	],
	fields: [
		filters([
			...dateRangeFilters('Created', 'created', 'created'),
			queryText('type', 'Type', 'type', {
				placeholder: 'payout.*',
				description:
					'One event type; may end in * to match a group (e.g. payout.*). Not together with Types.',
			}),
			field({
				name: 'types',
				displayName: 'Types',
				value: { kind: 'eventTypes' },
				to: { in: 'query', name: 'types' },
				placeholder: 'payout.paid, payout.failed',
				description:
					'Comma-separated exact event types, up to 20 (e.g. payout.paid, payout.failed). For a wildcard such as payout.* use the Type filter instead (not both).',
			}),
		]),
	],
});

export const eventGetAllOperation = eventGetAll.option;
export const eventGetAllDescription: INodeProperties[] = eventGetAll.properties;
