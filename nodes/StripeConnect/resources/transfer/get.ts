import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForTransferGet = { operation: ['get'], resource: ['transfer'] };

export const transferGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a transfer',
	description: 'Retrieves one transfer',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/transfers/', 'transferId'),
	checks: [idCheck('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer)],
});

export const transferGetDescription: INodeProperties[] = [
	idField(
		'transferId',
		'Transfer ID',
		'tr_…',
		showOnlyForTransferGet,
		'The transfer to retrieve (tr_…)',
	),
	optionsCollection(showOnlyForTransferGet, {}),
];
