import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferReversalGetAll = {
	operation: ['getAll'],
	resource: ['transferReversal'],
};

const transferReversalGetAll = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many reversals of a transfer',
	description: 'Lists the reversals of one transfer',
	effect: 'reads',
	method: 'GET',
	path: '/v1/transfers/{transferId}/reversals',
	show: showOnlyForTransferReversalGetAll,
	list: true,
	fields: [
		pathIdField('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer, 'The transfer (tr_…)'),
	],
});

export const transferReversalGetAllOperation = transferReversalGetAll.option;
export const transferReversalGetAllDescription: INodeProperties[] =
	transferReversalGetAll.properties;
