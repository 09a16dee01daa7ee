import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeFilters, field, filters, idFilter } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutGetAll = { operation: ['getAll'], resource: ['payout'] };

const payoutGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many payouts',
	description: 'Lists payouts of the platform or a connected account, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/payouts',
	show: showOnlyForPayoutGetAll,
	list: true,
	connectedAccount: true,
	fields: [
		filters([
			...dateRangeFilters('Arrival Date', 'arrivalDate', 'arrival_date'),
			...dateRangeFilters('Created', 'created', 'created'),
			idFilter(
				'destination',
				'Destination',
				STRIPE_ID_PREFIXES.externalAccount,
				'destination',
				'Only payouts to this external account',
			),
			field({
				name: 'status',
				displayName: 'Status',
				value: {
					kind: 'option',
					options: [
						{ name: 'Canceled', value: 'canceled' },
						{ name: 'Failed', value: 'failed' },
						{ name: 'In Transit', value: 'in_transit' },
						{ name: 'Paid', value: 'paid' },
						{ name: 'Pending', value: 'pending' },
					],
				},
				default: 'paid',
				to: { in: 'query', name: 'status' },
			}),
		]),
	],
});

export const payoutGetAllOperation = payoutGetAll.option;
export const payoutGetAllDescription: INodeProperties[] = payoutGetAll.properties;
