import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundCancel = { operation: ['cancel'], resource: ['refund'] };

const refundCancel = stripeOperation({
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a refund',
	description:
		'Cancels a refund that is still waiting for customer action (status requires_action)',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/refunds/{refundId}/cancel',
	show: showOnlyForRefundCancel,
	connectedAccount: true,
	fields: [pathIdField('refundId', 'Refund ID', STRIPE_ID_PREFIXES.refund, 'The refund (re_…)')],
});

export const refundCancelOperation = refundCancel.option;
export const refundCancelDescription: INodeProperties[] = refundCancel.properties;
