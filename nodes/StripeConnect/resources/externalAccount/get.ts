import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForExternalAccountGet = { operation: ['get'], resource: ['externalAccount'] };

export const externalAccountGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get an external account',
	description: 'Retrieves one bank account (ba_…) or debit card (card_…) of a connected account',
	effect: 'reads',
	method: 'GET',
	url: '=/v1/accounts/{{String($parameter["accountId"]).trim()}}/external_accounts/{{String($parameter["externalAccountId"]).trim()}}',
	checks: [
		idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account),
		idCheck('externalAccountId', 'External Account ID', STRIPE_ID_PREFIXES.externalAccount),
	],
});

export const externalAccountGetDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForExternalAccountGet,
		'The connected account (acct_…)',
	),
	idField(
		'externalAccountId',
		'External Account ID',
		'ba_… or card_…',
		showOnlyForExternalAccountGet,
		'The bank account (ba_…) or card (card_…)',
	),
	optionsCollection(showOnlyForExternalAccountGet, {}),
];
