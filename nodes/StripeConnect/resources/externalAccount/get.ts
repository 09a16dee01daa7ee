import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForExternalAccountGet = { operation: ['get'], resource: ['externalAccount'] };

const externalAccountGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get an external account',
	description: 'Retrieves one bank account (ba_…) or debit card (card_…) of a connected account',
	effect: 'reads',
	method: 'GET',
	path: '/v1/accounts/{accountId}/external_accounts/{externalAccountId}',
	show: showOnlyForExternalAccountGet,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		pathIdField(
			'externalAccountId',
			'External Account ID',
			STRIPE_ID_PREFIXES.externalAccount,
			'The bank account (ba_…) or card (card_…)',
		),
	],
});

export const externalAccountGetOperation = externalAccountGet.option;
export const externalAccountGetDescription: INodeProperties[] = externalAccountGet.properties;
