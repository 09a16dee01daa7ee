import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck, optionalAmountCheck } from '../../shared/checks';
import {
	additionalFieldsCollection,
	idField,
	metadataFields,
	optionsCollection,
} from '../../shared/fields';
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
		idCheck('applicationFeeId', 'Application Fee ID', STRIPE_ID_PREFIXES.applicationFee),
		optionalAmountCheck('additionalFields.amount', 'Amount', 'amount'),
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
	additionalFieldsCollection(showOnlyForApplicationFeeRefund, [
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			default: 0,
			description: 'How much to refund in the smallest currency unit (default: the whole fee)',
		},
	]),
	...metadataFields(showOnlyForApplicationFeeRefund, false),
	optionsCollection(showOnlyForApplicationFeeRefund, { post: true }),
];
