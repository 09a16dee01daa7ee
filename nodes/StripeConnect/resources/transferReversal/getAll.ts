import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, listFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForTransferReversalGetAll = {
	operation: ['getAll'],
	resource: ['transferReversal'],
};

export const transferReversalGetAllOperation = stripeOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many reversals of a transfer',
	description: 'Lists the reversals of one transfer',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/transfers/', 'transferId', '/reversals'),
	list: true,
	checks: [idCheck('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer)],
});

export const transferReversalGetAllDescription: INodeProperties[] = [
	idField(
		'transferId',
		'Transfer ID',
		'tr_…',
		showOnlyForTransferReversalGetAll,
		'The transfer (tr_…)',
	),
	...listFields(showOnlyForTransferReversalGetAll),
	optionsCollection(showOnlyForTransferReversalGetAll, {}),
];
