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

export const showOnlyForPaymentIntentGetAll = {
	operation: ['getAll'],
	resource: ['paymentIntent'],
};

const customerFilter = idFilter({
	name: 'customer',
	displayName: 'Customer',
	placeholder: 'cus_…',
	prefixes: STRIPE_ID_PREFIXES.customer,
	property: 'customer',
});

export const paymentIntentGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many payment intents',
	description: 'Lists payment intents, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/payment_intents',
	list: true,
	checks: [customerFilter.check, ...dateRangeChecks('filters', 'Created', 'created', 'created')],
});

export const paymentIntentGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForPaymentIntentGetAll),
	filtersCollection(showOnlyForPaymentIntentGetAll, [
		...dateRangeOptions('Created', 'created'),
		customerFilter.option,
	]),
	optionsCollection(showOnlyForPaymentIntentGetAll, { connectedAccount: true }),
];
