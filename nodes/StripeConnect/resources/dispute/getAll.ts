import type { INodeProperties } from 'n8n-workflow';

import { chargeFilter, dateRangeFilters, filters, paymentIntentFilter } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeGetAll = { operation: ['getAll'], resource: ['dispute'] };

const disputeGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many disputes',
	description: 'Lists disputes, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/disputes',
	show: showOnlyForDisputeGetAll,
	list: true,
	connectedAccount: true,
	fields: [
		filters([
			...dateRangeFilters('Created', 'created', 'created'),
			chargeFilter(),
			paymentIntentFilter(),
		]),
	],
});

export const disputeGetAllOperation = disputeGetAll.option;
export const disputeGetAllDescription: INodeProperties[] = disputeGetAll.properties;
