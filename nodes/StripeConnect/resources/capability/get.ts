import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { capabilityField } from './capabilityField';

export const showOnlyForCapabilityGet = { operation: ['get'], resource: ['capability'] };

const capabilityGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a capability of an account',
	description: 'Retrieves one capability (e.g. card_payments) of a connected account',
	effect: 'reads',
	method: 'GET',
	path: '/v1/accounts/{accountId}/capabilities/{capability}',
	show: showOnlyForCapabilityGet,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		capabilityField(),
	],
});

export const capabilityGetOperation = capabilityGet.option;
export const capabilityGetDescription: INodeProperties[] = capabilityGet.properties;
