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

export const showOnlyForDisputeGetAll = { operation: ['getAll'], resource: ['dispute'] };

const chargeFilter = chargeIdFilter();
const paymentIntentFilter = paymentIntentIdFilter();

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
		chargeFilter.check,
		paymentIntentFilter.check,
		...dateRangeChecks('filters', 'Created', 'created', 'created'),
	],
});

export const disputeGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForDisputeGetAll),
	filtersCollection(showOnlyForDisputeGetAll, [
		...dateRangeOptions('Created', 'created'),
		chargeFilter.option,
		paymentIntentFilter.option,
	]),
	optionsCollection(showOnlyForDisputeGetAll, { connectedAccount: true }),
];
