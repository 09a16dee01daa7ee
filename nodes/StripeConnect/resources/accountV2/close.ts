import type { INodeProperties } from 'n8n-workflow';

import { field } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from './accountIdField';
import { CONFIGURATION_OPTIONS } from './configurations';

export const showOnlyForAccountV2Close = { operation: ['close'], resource: ['accountV2'] };

const accountV2Close = stripeOperation({
	name: 'Close',
	value: 'close',
	action: 'Close an account (v2)',
	description:
		'Closes a v2 account: its capabilities stop and it can no longer be updated. Name every configuration it has applied.',
	effect: 'changes',
	method: 'POST',
	path: '/v2/core/accounts/{accountId}/close',
	show: showOnlyForAccountV2Close,
	connectedAccount: true,
	fields: [
		v2AccountIdField(),
		field({
			name: 'appliedConfigurations',
			displayName: 'Applied Configurations',
			value: { kind: 'options', options: CONFIGURATION_OPTIONS },
			to: { in: 'body', name: 'applied_configurations' },
			description:
				'Every configuration the account has applied; Stripe refuses to close an account whose configurations are not all named',
		}),
	],
});

export const accountV2CloseOperation = accountV2Close.option;
export const accountV2CloseDescription: INodeProperties[] = accountV2Close.properties;
