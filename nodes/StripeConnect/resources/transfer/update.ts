import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import {
	idField,
	metadataFields,
	optionsCollection,
	updateFieldsCollection,
} from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForTransferUpdate = { operation: ['update'], resource: ['transfer'] };

export const transferUpdateOperation = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a transfer',
	description: 'Changes the description or metadata of a transfer',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/transfers/', 'transferId'),
	checks: [idCheck('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer)],
});

export const transferUpdateDescription: INodeProperties[] = [
	idField(
		'transferId',
		'Transfer ID',
		'tr_…',
		showOnlyForTransferUpdate,
		'The transfer to update (tr_…)',
	),
	updateFieldsCollection(showOnlyForTransferUpdate, [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'New description; leave empty to clear it',
			routing: { send: { type: 'body', property: 'description' } },
		},
	]),
	...metadataFields(showOnlyForTransferUpdate, true),
	optionsCollection(showOnlyForTransferUpdate, { post: true }),
];
