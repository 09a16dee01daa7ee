import type { INodeProperties } from 'n8n-workflow';

import { dateRangeChecks } from '../../shared/checks';
import {
	dateRangeOptions,
	filtersCollection,
	listFields,
	optionsCollection,
} from '../../shared/fields';
import { chargeIdFilter } from '../../shared/filters';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeGetAll = {
	operation: ['getAll'],
	resource: ['applicationFee'],
};

const chargeFilter = chargeIdFilter();

export const applicationFeeGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many application fees',
	description: 'Lists the application fees the platform collected, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/application_fees',
	list: true,
	checks: [chargeFilter.check, ...dateRangeChecks('filters', 'Created', 'created', 'created')],
});

export const applicationFeeGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForApplicationFeeGetAll),
	filtersCollection(showOnlyForApplicationFeeGetAll, [
		...dateRangeOptions('Created', 'created'),
		chargeFilter.option,
	]),
	optionsCollection(showOnlyForApplicationFeeGetAll, {}),
];
