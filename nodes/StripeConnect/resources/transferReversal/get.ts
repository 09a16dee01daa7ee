import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idField, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferReversalGet = {
	operation: ['get'],
	resource: ['transferReversal'],
};

export const transferReversalGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a transfer reversal',
	description: 'Retrieves one reversal of a transfer',
	effect: 'reads',
	method: 'GET',
	url: '=/v1/transfers/{{String($parameter["transferId"]).trim()}}/reversals/{{String($parameter["reversalId"]).trim()}}',
	checks: [
		{
			kind: 'id',
			parameter: 'transferId',
			field: 'Transfer ID',
			prefixes: STRIPE_ID_PREFIXES.transfer,
		},
		{
			kind: 'id',
			parameter: 'reversalId',
			field: 'Reversal ID',
			prefixes: STRIPE_ID_PREFIXES.transferReversal,
		},
	],
});

export const transferReversalGetDescription: INodeProperties[] = [
	idField(
		'transferId',
		'Transfer ID',
		'tr_…',
		showOnlyForTransferReversalGet,
		'The reversed transfer (tr_…)',
	),
	idField(
		'reversalId',
		'Reversal ID',
		'trr_…',
		showOnlyForTransferReversalGet,
		'The reversal (trr_…)',
	),
	optionsCollection(showOnlyForTransferReversalGet, {}),
];
