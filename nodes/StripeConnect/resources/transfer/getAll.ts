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

export const showOnlyForTransferGetAll = { operation: ['getAll'], resource: ['transfer'] };

const destinationFilter = idFilter({
	name: 'destination',
	displayName: 'Destination',
	placeholder: 'acct_…',
	prefixes: STRIPE_ID_PREFIXES.account,
	property: 'destination',
	description: 'Only transfers to this connected account',
});

export const transferGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many transfers',
	description: 'Lists transfers, newest first',
	effect: 'reads',
	method: 'GET',
	url: '/v1/transfers',
	list: true,
	checks: [destinationFilter.check, ...dateRangeChecks('filters', 'Created', 'created', 'created')],
});

export const transferGetAllDescription: INodeProperties[] = [
	...listFields(showOnlyForTransferGetAll),
	filtersCollection(showOnlyForTransferGetAll, [
		...dateRangeOptions('Created', 'created'),
		destinationFilter.option,
		{
			displayName: 'Transfer Group',
			name: 'transferGroup',
			type: 'string',
			default: '',
			routing: { send: { type: 'query', property: 'transfer_group' } },
		},
	]),
	optionsCollection(showOnlyForTransferGetAll, {}),
];
