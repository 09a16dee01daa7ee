import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForRefundCancel = { operation: ['cancel'], resource: ['refund'] };

export const refundCancelOperation = stripeOperation({
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a refund',
	description:
		'Cancels a refund that is still waiting for customer action (status requires_action)',
	effect: 'movesMoney',
	method: 'POST',
	url: idPath('/v1/refunds/', 'refundId', '/cancel'),
	checks: [idCheck('refundId', 'Refund ID', STRIPE_ID_PREFIXES.refund)],
});

export const refundCancelDescription: INodeProperties[] = [
	idField('refundId', 'Refund ID', 're_…', showOnlyForRefundCancel, 'The refund (re_…)'),
	optionsCollection(showOnlyForRefundCancel, { connectedAccount: true, post: true }),
];
