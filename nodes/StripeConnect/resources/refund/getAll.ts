import type { INodeProperties } from 'n8n-workflow';

import { chargeFilter, dateRangeFilters, filters, paymentIntentFilter } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundGetAll = { operation: ['getAll'], resource: ['refund'] };

const refundGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many refunds',
	description: 'Lists refunds, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/refunds',
	show: showOnlyForRefundGetAll,
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

export const refundGetAllOperation = refundGetAll.option;
export const refundGetAllDescription: INodeProperties[] = refundGetAll.properties;
