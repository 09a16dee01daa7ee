import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck, optionalAmountCheck } from '../../shared/checks';
import {
	additionalFieldsCollection,
	descriptionOption,
	idField,
	metadataFields,
	optionsCollection,
} from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForTransferReversalCreate = {
	operation: ['create'],
	resource: ['transferReversal'],
};

export const transferReversalCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Reverse a transfer',
	description:
		'Pulls funds back from a connected account to the platform, all or part of a transfer',
	effect: 'movesMoney',
	method: 'POST',
	url: idPath('/v1/transfers/', 'transferId', '/reversals'),
	checks: [
		idCheck('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer),
		optionalAmountCheck('additionalFields.amount', 'Amount', 'amount'),
	],
});

export const transferReversalCreateDescription: INodeProperties[] = [
	idField(
		'transferId',
		'Transfer ID',
		'tr_…',
		showOnlyForTransferReversalCreate,
		'The transfer to reverse (tr_…)',
	),
	additionalFieldsCollection(showOnlyForTransferReversalCreate, [
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			default: 0,
			description:
				'How much to reverse, in the smallest currency unit (default: the whole remaining amount)',
		},
		descriptionOption(),
		{
			displayName: 'Refund Application Fee',
			name: 'refundApplicationFee',
			type: 'boolean',
			default: false,
			description:
				'Whether to refund the application fee of the charge behind the transfer, in proportion',
			routing: { send: { type: 'body', property: 'refund_application_fee' } },
		},
	]),
	...metadataFields(showOnlyForTransferReversalCreate, false),
	optionsCollection(showOnlyForTransferReversalCreate, { post: true }),
];
