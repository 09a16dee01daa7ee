import type { INodeProperties } from 'n8n-workflow';

import { bodyText, field, updateFields } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from './accountIdField';
import { configurationsCollection, deactivateConfigurationsField } from './configurations';
import { accountDetailFields, includeCollection, v2MetadataFields } from './v2Fields';

export const showOnlyForAccountV2Update = { operation: ['update'], resource: ['accountV2'] };

const accountV2Update = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update an account (v2)',
	description:
		'Changes a v2 account: its details, the capabilities its configurations request, deactivating a configuration, metadata',
	effect: 'changes',
	method: 'POST',
	path: '/v2/core/accounts/{accountId}',
	show: showOnlyForAccountV2Update,
	connectedAccount: true,
	fields: [
		v2AccountIdField(),
		updateFields([
			bodyText('displayName', 'Display Name', 'display_name'),
			bodyText('contactEmail', 'Contact Email', 'contact_email', {
				placeholder: 'owner@maker.example.com',
			}),
			field({
				name: 'country',
				displayName: 'Country',
				value: { kind: 'country' },
				to: { in: 'body', name: 'identity.country' },
				placeholder: 'US',
				description: 'Two-letter ISO country of the account (identity.country)',
			}),
			...accountDetailFields(),
			deactivateConfigurationsField(),
		]),
		configurationsCollection('request'),
		includeCollection('body'),
		...v2MetadataFields(),
	],
});

export const accountV2UpdateOperation = accountV2Update.option;
export const accountV2UpdateDescription: INodeProperties[] = accountV2Update.properties;
