import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForCapabilityGetAll = { operation: ['getAll'], resource: ['capability'] };

export const capabilityGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many capabilities of an account',
	description: 'Lists the capabilities of a connected account with their status and requirements',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/accounts/', 'accountId', '/capabilities'),
	list: 'unpaged',
	checks: [idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account)],
});

export const capabilityGetAllDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForCapabilityGetAll,
		'The connected account (acct_…)',
	),
	optionsCollection(showOnlyForCapabilityGetAll, {}),
];
