import type { INodeProperties } from 'n8n-workflow';

import { dateRangeChecks } from '../../shared/checks';
import {
	dateRangeOptions,
	filtersCollection,
	listFields,
	optionsCollection,
} from '../../shared/fields';
import { chargeIdFilter, paymentIntentIdFilter } from '../../shared/filters';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundGetAll = { operation: ['getAll'], resource: ['refund'] };

const chargeFilter = chargeIdFilter();
const paymentIntentFilter = paymentIntentIdFilter();

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
		paymentIntentFilter.check,
		chargeFilter.check,
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const refundGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForRefundGetAll),
	filtersCollection(showOnlyForRefundGetAll, [
		...dateRangeOptions('Created', 'created'),
		chargeFilter.option,
		paymentIntentFilter.option,
	]),
	optionsCollection(showOnlyForRefundGetAll, { connectedAccount: true }),
];
