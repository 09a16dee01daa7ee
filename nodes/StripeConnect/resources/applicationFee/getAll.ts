import type { INodeProperties } from 'n8n-workflow';

import { chargeFilter, dateRangeFilters, filters } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeGetAll = {
	operation: ['getAll'],
	resource: ['applicationFee'],
};

const applicationFeeGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many application fees',
	description: 'Lists the application fees the platform collected, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/application_fees',
	show: showOnlyForApplicationFeeGetAll,
	list: true,
	fields: [filters([...dateRangeFilters('Created', 'created', 'created'), chargeFilter()])],
});

export const applicationFeeGetAllOperation = applicationFeeGetAll.option;
export const applicationFeeGetAllDescription: INodeProperties[] = applicationFeeGetAll.properties;
