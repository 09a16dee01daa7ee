import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, metadataFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForRefundUpdate = { operation: ['update'], resource: ['refund'] };

export const refundUpdateOperation = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a refund',
	description: 'Sets or clears metadata keys on a refund',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/refunds/', 'refundId'),
	checks: [idCheck('refundId', 'Refund ID', STRIPE_ID_PREFIXES.refund)],
});

export const refundUpdateDescription: INodeProperties[] = [
	idField('refundId', 'Refund ID', 're_…', showOnlyForRefundUpdate, 'The refund (re_…)'),
	...metadataFields(showOnlyForRefundUpdate, true),
	optionsCollection(showOnlyForRefundUpdate, { connectedAccount: true, post: true }),
];
