import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForAccountGet = { operation: ['get'], resource: ['account'] };

export const accountGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a connected account',
	description: 'Retrieves one connected account with its requirements and capabilities',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/accounts/', 'accountId'),
	checks: [idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account)],
});

export const accountGetDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForAccountGet,
		'The connected account (acct_…)',
	),
	optionsCollection(showOnlyForAccountGet, {}),
];
