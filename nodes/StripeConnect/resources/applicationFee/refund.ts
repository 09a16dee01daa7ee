import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idField, metadataFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeRefund = {
	operation: ['refund'],
	resource: ['applicationFee'],
};

export const applicationFeeRefundOperation = stripeOperation({
	name: 'Refund',
	value: 'refund',
	action: 'Refund an application fee',
	description:
		'Returns all or part of an application fee from the platform to the connected account',
	effect: 'movesMoney',
	method: 'POST',
	url: idPath('/v1/application_fees/', 'applicationFeeId', '/refunds'),
	checks: [
		{
			kind: 'id',
			parameter: 'applicationFeeId',
			field: 'Application Fee ID',
			prefixes: STRIPE_ID_PREFIXES.applicationFee,
		},
		{
			kind: 'amount',
			parameter: 'additionalFields.amount',
			field: 'Amount',
			optional: true,
			target: 'body',
			property: 'amount',
		},
	],
});

export const applicationFeeRefundDescription: INodeProperties[] = [
	idField(
		'applicationFeeId',
		'Application Fee ID',
		'fee_…',
		showOnlyForApplicationFeeRefund,
		'The application fee (fee_…)',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForApplicationFeeRefund },
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				default: 0,
				description: 'How much to refund in the smallest currency unit (default: the whole fee)',
			},
		],
	},
	...metadataFields(showOnlyForApplicationFeeRefund, false),
	optionsCollection(showOnlyForApplicationFeeRefund, { post: true }),
];
