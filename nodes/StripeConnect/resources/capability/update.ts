import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { field, pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { capabilityField } from './capabilityField';

export const showOnlyForCapabilityUpdate = { operation: ['update'], resource: ['capability'] };

const capabilityUpdate = stripeOperation({
	name: 'Request or Update',
	value: 'update',
	action: 'Request or update a capability',
	description: 'Requests a capability for a connected account, or withdraws the request',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts/{accountId}/capabilities/{capability}',
	show: showOnlyForCapabilityUpdate,
	fields: [
		pathIdField(
			'accountId',
			'Account ID',
			STRIPE_ID_PREFIXES.account,
			'The connected account (acct_…)',
		),
		capabilityField(),
		field({
			name: 'requested',
			displayName: 'Requested',
			value: { kind: 'boolean' },
			default: true,
			description: 'Whether the capability is requested (false withdraws the request)',
			to: { in: 'body', name: 'requested' },
		}),
	],
});

export const capabilityUpdateOperation = capabilityUpdate.option;
export const capabilityUpdateDescription: INodeProperties[] = capabilityUpdate.properties;
