import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
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
		idCheck('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer),
		idCheck('reversalId', 'Reversal ID', STRIPE_ID_PREFIXES.transferReversal),
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
