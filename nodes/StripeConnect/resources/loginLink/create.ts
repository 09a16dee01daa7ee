import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForLoginLinkCreate = { operation: ['create'], resource: ['loginLink'] };

export const loginLinkCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an express dashboard login link',
	description:
		'Creates a single-use login URL to the Express Dashboard of an Express connected account',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/accounts/', 'accountId', '/login_links'),
	checks: [idCheck('accountId', 'Account ID', STRIPE_ID_PREFIXES.account)],
});

export const loginLinkCreateDescription: INodeProperties[] = [
	idField(
		'accountId',
		'Account ID',
		'acct_…',
		showOnlyForLoginLinkCreate,
		'The Express connected account (acct_…)',
	),
	optionsCollection(showOnlyForLoginLinkCreate, { post: true }),
];
