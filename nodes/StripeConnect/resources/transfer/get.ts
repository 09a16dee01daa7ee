import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferGet = { operation: ['get'], resource: ['transfer'] };

const transferGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a transfer',
	description: 'Retrieves one transfer',
	effect: 'reads',
	method: 'GET',
	path: '/v1/transfers/{transferId}',
	show: showOnlyForTransferGet,
	fields: [
		pathIdField('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer, 'The transfer (tr_…)'),
	],
});

export const transferGetOperation = transferGet.option;
export const transferGetDescription: INodeProperties[] = transferGet.properties;
