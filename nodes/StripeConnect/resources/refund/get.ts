import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForRefundGet = { operation: ['get'], resource: ['refund'] };

const refundGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a refund',
	description: 'Retrieves one refund',
	effect: 'reads',
	method: 'GET',
	path: '/v1/refunds/{refundId}',
	show: showOnlyForRefundGet,
	connectedAccount: true,
	fields: [pathIdField('refundId', 'Refund ID', STRIPE_ID_PREFIXES.refund, 'The refund (re_…)')],
});

export const refundGetOperation = refundGet.option;
export const refundGetDescription: INodeProperties[] = refundGet.properties;
