import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { dateRangeFilters, filters, idFilter, queryText } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferGetAll = { operation: ['getAll'], resource: ['transfer'] };

const transferGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many transfers',
	description: 'Lists transfers, newest first',
	effect: 'reads',
	method: 'GET',
	path: '/v1/transfers',
	show: showOnlyForTransferGetAll,
	list: true,
	fields: [
		filters([
			...dateRangeFilters('Created', 'created', 'created'),
			idFilter(
				'destination',
				'Destination',
				STRIPE_ID_PREFIXES.account,
				'destination',
				'Only transfers to this connected account',
			),
			queryText('transferGroup', 'Transfer Group', 'transfer_group'),
		]),
	],
});

export const transferGetAllOperation = transferGetAll.option;
export const transferGetAllDescription: INodeProperties[] = transferGetAll.properties;
