import type { INodeProperties } from 'n8n-workflow';

import { additionalFields, bodyText } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from '../accountV2/accountIdField';
import { v2MetadataFields } from '../accountV2/v2Fields';
import { personDetailFields } from './personFields';

export const showOnlyForPersonV2Create = { operation: ['create'], resource: ['personV2'] };

const personV2Create = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a person (v2)',
	description:
		'Adds a person (representative, owner, director…) to a v2 account, as onboarding a company asks',
	effect: 'changes',
	method: 'POST',
	path: '/v2/core/accounts/{accountId}/persons',
	show: showOnlyForPersonV2Create,
	connectedAccount: true,
	fields: [
		v2AccountIdField(),
		bodyText('givenName', 'Given Name', 'given_name', { placeholder: 'Jenny' }),
		bodyText('surname', 'Surname', 'surname', { placeholder: 'Rosen' }),
		additionalFields(personDetailFields()),
		...v2MetadataFields(),
	],
});

export const personV2CreateOperation = personV2Create.option;
export const personV2CreateDescription: INodeProperties[] = personV2Create.properties;
