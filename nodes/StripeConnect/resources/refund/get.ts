import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForRefundGet = { operation: ['get'], resource: ['refund'] };

export const refundGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a refund',
	description: 'Retrieves one refund',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/refunds/', 'refundId'),
	checks: [idCheck('refundId', 'Refund ID', STRIPE_ID_PREFIXES.refund)],
});

export const refundGetDescription: INodeProperties[] = [
	idField('refundId', 'Refund ID', 're_…', showOnlyForRefundGet, 'The refund (re_…)'),
	optionsCollection(showOnlyForRefundGet, { connectedAccount: true }),
];
