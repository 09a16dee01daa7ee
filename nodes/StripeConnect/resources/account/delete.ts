import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForAccountDelete = { operation: ['delete'], resource: ['account'] };

export const accountDeleteOperation = stripeOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a connected account',
	description:
		'Deletes a connected account the platform manages (test-mode accounts, or accounts with zero balance)',
	effect: 'changes',
	method: 'DELETE',
	url: idPath('/v1/accounts/', 'accountId'),
	checks: [idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account)],
});

export const accountDeleteDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForAccountDelete,
		'The connected account to delete (acct_…)',
	),
	optionsCollection(showOnlyForAccountDelete, {}),
];
