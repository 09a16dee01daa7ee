import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { capabilityPath } from './path';

export const showOnlyForCapabilityUpdate = { operation: ['update'], resource: ['capability'] };

export const capabilityUpdateOperation = stripeOperation({
	name: 'Request or Update',
	value: 'update',
	action: 'Request or update a capability',
	description: 'Requests a capability for a connected account, or withdraws the request',
	effect: 'changes',
	method: 'POST',
	url: capabilityPath,
	checks: [
		idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account),
		idCheck('capability', 'Capability', STRIPE_ID_PREFIXES.capability),
	],
});

export const capabilityUpdateDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForCapabilityUpdate,
		'The connected account (acct_…)',
	),
	idField(
		'capability',
		'Capability',
		'card_payments',
		showOnlyForCapabilityUpdate,
		'The capability name, e.g. card_payments or transfers',
	),
	{
		displayName: 'Requested',
		name: 'requested',
		type: 'boolean',
		default: true,
		description: 'Whether the capability is requested (false withdraws the request)',
		displayOptions: { show: showOnlyForCapabilityUpdate },
		routing: { send: { type: 'body', property: 'requested' } },
	},
	optionsCollection(showOnlyForCapabilityUpdate, { post: true }),
];
