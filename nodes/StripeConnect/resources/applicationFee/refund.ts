import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, field, pathIdField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { IN_SMALLEST_UNIT } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForApplicationFeeRefund = {
	operation: ['refund'],
	resource: ['applicationFee'],
};

const applicationFeeRefund = stripeOperation({
	name: 'Refund',
	value: 'refund',
	action: 'Refund an application fee',
	description:
		'Returns all or part of an application fee from the platform to the connected account',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/application_fees/{applicationFeeId}/refunds',
	show: showOnlyForApplicationFeeRefund,
	fields: [
		pathIdField(
			'applicationFeeId',
			'Application Fee ID',
			STRIPE_ID_PREFIXES.applicationFee,
			'The application fee (fee_…)',
		),
		additionalFields([
			field({
				name: 'amount',
				displayName: 'Amount',
				value: { kind: 'amount' },
				to: { in: 'body', name: 'amount' },
				description: `How much to refund, ${IN_SMALLEST_UNIT}. Leave the field out to refund the whole fee.`,
			}),
		]),
		...metadataFields(false),
	],
});

export const applicationFeeRefundOperation = applicationFeeRefund.option;
export const applicationFeeRefundDescription: INodeProperties[] = applicationFeeRefund.properties;
