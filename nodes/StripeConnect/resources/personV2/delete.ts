import type { INodeProperties } from 'n8n-workflow';

import { stripeOperation } from '../../shared/operation';
import { v2AccountIdField } from '../accountV2/accountIdField';
import { personIdField } from './personFields';

export const showOnlyForPersonV2Delete = { operation: ['delete'], resource: ['personV2'] };

const personV2Delete = stripeOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a person (v2)',
	description: 'Removes a person from a v2 account',
	effect: 'changes',
	method: 'DELETE',
	path: '/v2/core/accounts/{accountId}/persons/{personId}',
	show: showOnlyForPersonV2Delete,
	connectedAccount: true,
	fields: [v2AccountIdField(), personIdField()],
});

export const personV2DeleteOperation = personV2Delete.option;
export const personV2DeleteDescription: INodeProperties[] = personV2Delete.properties;
