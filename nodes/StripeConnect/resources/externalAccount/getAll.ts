import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { field, filters, pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForExternalAccountGetAll = {
	operation: ['getAll'],
	resource: ['externalAccount'],
};

const externalAccountGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many external accounts',
	description: 'Lists the bank accounts and debit cards a connected account is paid out to',
	effect: 'reads',
	method: 'GET',
	path: '/v1/accounts/{accountId}/external_accounts',
	show: showOnlyForExternalAccountGetAll,
	list: true,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		filters([
			field({
				name: 'object',
				displayName: 'Object',
				value: {
					kind: 'option',
					options: [
						{ name: 'Bank Account', value: 'bank_account' },
						{ name: 'Card', value: 'card' },
					],
				},
				description: 'Only bank accounts or only cards',
				to: { in: 'query', name: 'object' },
			}),
		]),
	],
});

export const externalAccountGetAllOperation = externalAccountGetAll.option;
export const externalAccountGetAllDescription: INodeProperties[] = externalAccountGetAll.properties;
