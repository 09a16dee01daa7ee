import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { capabilityPath } from './path';

export const showOnlyForCapabilityGet = { operation: ['get'], resource: ['capability'] };

export const capabilityGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a capability of an account',
	description: 'Retrieves one capability (e.g. card_payments) of a connected account',
	effect: 'reads',
	method: 'GET',
	url: capabilityPath,
	checks: [
		idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account),
		idCheck('capability', 'Capability', STRIPE_ID_PREFIXES.capability),
	],
});

export const capabilityGetDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForCapabilityGet,
		'The connected account (acct_…)',
	),
	idField(
		'capability',
		'Capability',
		'card_payments',
		showOnlyForCapabilityGet,
		'The capability name, e.g. card_payments or transfers',
	),
	optionsCollection(showOnlyForCapabilityGet, {}),
];
