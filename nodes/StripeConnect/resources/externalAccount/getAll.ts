import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { filtersCollection, idField, listFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForExternalAccountGetAll = {
	operation: ['getAll'],
	resource: ['externalAccount'],
};

export const externalAccountGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many external accounts',
	description: 'Lists the bank accounts and debit cards a connected account is paid out to',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/accounts/', 'accountId', '/external_accounts'),
	list: true,
	checks: [idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account)],
});

export const externalAccountGetAllDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForExternalAccountGetAll,
		'The connected account (acct_…)',
	),
	...listFields(showOnlyForExternalAccountGetAll),
	filtersCollection(showOnlyForExternalAccountGetAll, [
		{
			displayName: 'Object',
			name: 'object',
			type: 'options',
			default: 'bank_account',
			options: [
				{ name: 'Bank Account', value: 'bank_account' },
				{ name: 'Card', value: 'card' },
			],
			description: 'Only bank accounts or only cards',
			routing: { send: { type: 'query', property: 'object' } },
		},
	]),
	optionsCollection(showOnlyForExternalAccountGetAll, {}),
];
