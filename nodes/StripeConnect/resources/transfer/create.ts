import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { amountWithCurrencyChecks, optionalBodyIdCheck } from '../../shared/checks';
import {
	additionalFieldsCollection,
	amountWithCurrencyFields,
	descriptionOption,
	idField,
	metadataFields,
	optionsCollection,
} from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferCreate = { operation: ['create'], resource: ['transfer'] };

export const transferCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a transfer',
	description: 'Sends funds from the platform balance to a connected account',
	effect: 'movesMoney',
	method: 'POST',
	url: '/v1/transfers',
	checks: [
		{
			kind: 'id',
			parameter: 'destination',
			field: 'Destination Account',
			prefixes: STRIPE_ID_PREFIXES.account,
			target: 'body',
			property: 'destination',
		},
		...amountWithCurrencyChecks(),
		optionalBodyIdCheck(
			'additionalFields.sourceTransaction',
			'Source Transaction',
			STRIPE_ID_PREFIXES.charge,
			'source_transaction',
		),
	],
});

export const transferCreateDescription: INodeProperties[] = [
	idField(
		'destination',
		'Destination Account',
		'acct_1A2b3C4d5E6f7G8h',
		showOnlyForTransferCreate,
		'The connected account (acct_…) that receives the funds',
	),
	...amountWithCurrencyFields(showOnlyForTransferCreate, 'How much to transfer'),
	additionalFieldsCollection(showOnlyForTransferCreate, [
		descriptionOption(),
		{
			displayName: 'Source Transaction',
			name: 'sourceTransaction',
			type: 'string',
			default: '',
			placeholder: 'ch_…',
			description:
				'A charge (ch_…) whose funds this transfer uses, so it waits for them to become available',
		},
		{
			displayName: 'Transfer Group',
			name: 'transferGroup',
			type: 'string',
			default: '',
			description: 'A string that links this transfer to the charges of the same order',
			routing: { send: { type: 'body', property: 'transfer_group' } },
		},
	]),
	...metadataFields(showOnlyForTransferCreate, false),
	optionsCollection(showOnlyForTransferCreate, { post: true }),
];
