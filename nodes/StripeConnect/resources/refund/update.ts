import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundUpdate = { operation: ['update'], resource: ['refund'] };

const refundUpdate = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a refund',
	description: 'Sets or clears metadata keys on a refund',
	effect: 'changes',
	method: 'POST',
	path: '/v1/refunds/{refundId}',
	show: showOnlyForRefundUpdate,
	connectedAccount: true,
	fields: [
		pathIdField('refundId', 'Refund ID', STRIPE_ID_PREFIXES.refund, 'The refund (re_…)'),
		...metadataFields(true),
	],
});

export const refundUpdateOperation = refundUpdate.option;
export const refundUpdateDescription: INodeProperties[] = refundUpdate.properties;
