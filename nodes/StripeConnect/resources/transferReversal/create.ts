import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, descriptionField, field, pathIdField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { IN_SMALLEST_UNIT } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferReversalCreate = {
	operation: ['create'],
	resource: ['transferReversal'],
};

const transferReversalCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Reverse a transfer',
	description:
		'Pulls funds back from a connected account to the platform, all or part of a transfer',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/transfers/{transferId}/reversals',
	show: showOnlyForTransferReversalCreate,
	fields: [
		pathIdField('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer, 'The transfer (tr_…)'),
		additionalFields([
			field({
				name: 'amount',
				displayName: 'Amount',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'amount' },
				description: `How much to reverse, ${IN_SMALLEST_UNIT}. Leave the field out to reverse the whole remaining amount.`,
			}),
			descriptionField(),
			field({
				name: 'refundApplicationFee',
				displayName: 'Refund Application Fee',
				value: { kind: 'boolean' },
				description:
					'Whether to refund the application fee of the charge behind the transfer, in proportion',
				to: { in: 'body', name: 'refund_application_fee' },
			}),
		]),
		...metadataFields(false),
	],
});

export const transferReversalCreateOperation = transferReversalCreate.option;
export const transferReversalCreateDescription: INodeProperties[] =
	transferReversalCreate.properties;
