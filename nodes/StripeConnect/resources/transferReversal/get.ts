import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferReversalGet = {
	operation: ['get'],
	resource: ['transferReversal'],
};

const transferReversalGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a transfer reversal',
	description: 'Retrieves one reversal of a transfer',
	effect: 'reads',
	method: 'GET',
	path: '/v1/transfers/{transferId}/reversals/{reversalId}',
	show: showOnlyForTransferReversalGet,
	fields: [
		pathIdField('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer, 'The transfer (tr_…)'),
		pathIdField(
			'reversalId',
			'Reversal ID',
			STRIPE_ID_PREFIXES.transferReversal,
			'The reversal (trr_…)',
		),
	],
});

export const transferReversalGetOperation = transferReversalGet.option;
export const transferReversalGetDescription: INodeProperties[] = transferReversalGet.properties;
