import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeChecks } from '../../shared/checks';
import {
	dateRangeOptions,
	filtersCollection,
	listFields,
	optionsCollection,
} from '../../shared/fields';
import { idFilter } from '../../shared/filters';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutGetAll = { operation: ['getAll'], resource: ['payout'] };

const destinationFilter = idFilter({
	name: 'destination',
	displayName: 'Destination',
	placeholder: 'ba_… or card_…',
	prefixes: STRIPE_ID_PREFIXES.externalAccount,
	property: 'destination',
	description: 'Only payouts to this external account',
});

export const payoutGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many payouts',
	description: 'Lists payouts of the platform or a connected account, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/payouts',
	list: true,
	checks: [
		destinationFilter.check,
		...dateRangeChecks('filters', 'Arrival Date', 'arrivalDate', 'arrival_date'),
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const payoutGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForPayoutGetAll),
	filtersCollection(showOnlyForPayoutGetAll, [
		...dateRangeOptions('Arrival Date', 'arrivalDate'),
		...dateRangeOptions('Created', 'created'),
		destinationFilter.option,
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'paid',
			options: [
				{ name: 'Canceled', value: 'canceled' },
				{ name: 'Failed', value: 'failed' },
				{ name: 'In Transit', value: 'in_transit' },
				{ name: 'Paid', value: 'paid' },
				{ name: 'Pending', value: 'pending' },
			],
			routing: { send: { type: 'query', property: 'status' } },
		},
	]),
	optionsCollection(showOnlyForPayoutGetAll, { connectedAccount: true }),
];
