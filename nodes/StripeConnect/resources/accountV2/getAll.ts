import type { INodeProperties } from 'n8n-workflow';

import { field, filters } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { CONFIGURATION_OPTIONS } from './configurations';

export const showOnlyForAccountV2GetAll = { operation: ['getAll'], resource: ['accountV2'] };

const accountV2GetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many accounts (v2)',
	description:
		'Lists the v2 accounts of the platform, newest first, optionally only those with given configurations applied',
	effect: 'reads',
	method: 'GET',
	path: '/v2/core/accounts',
	show: showOnlyForAccountV2GetAll,
	connectedAccount: true,
	list: true,
	fields: [
		filters([
			field({
				name: 'appliedConfigurations',
				displayName: 'Applied Configurations',
				value: { kind: 'options', options: CONFIGURATION_OPTIONS },
				to: { in: 'query', name: 'applied_configurations' },
				description: 'Only accounts with any of these configurations applied',
			}),
			field({
				name: 'closed',
				displayName: 'Closed',
				value: { kind: 'boolean' },
				to: { in: 'query', name: 'closed' },
				description: 'Whether to list only closed accounts (Stripe lists open ones otherwise)',
			}),
		]),
	],
});

export const accountV2GetAllOperation = accountV2GetAll.option;
export const accountV2GetAllDescription: INodeProperties[] = accountV2GetAll.properties;
