import type { INodeProperties } from 'n8n-workflow';

import { bodyText, updateFields } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from '../accountV2/accountIdField';
import { v2MetadataFields } from '../accountV2/v2Fields';
import { personDetailFields, personIdField } from './personFields';

export const showOnlyForPersonV2Update = { operation: ['update'], resource: ['personV2'] };

const personV2Update = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a person (v2)',
	description: 'Changes the details, relationship or metadata of a person of a v2 account',
	effect: 'changes',
	method: 'POST',
	path: '/v2/core/accounts/{accountId}/persons/{personId}',
	show: showOnlyForPersonV2Update,
	connectedAccount: true,
	fields: [
		v2AccountIdField(),
		personIdField(),
		updateFields([
			bodyText('givenName', 'Given Name', 'given_name'),
			bodyText('surname', 'Surname', 'surname'),
			...personDetailFields(),
		]),
		...v2MetadataFields(),
	],
});

export const personV2UpdateOperation = personV2Update.option;
export const personV2UpdateDescription: INodeProperties[] = personV2Update.properties;
