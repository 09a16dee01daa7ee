import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutGet = { operation: ['get'], resource: ['payout'] };

const payoutGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a payout',
	description: 'Retrieves one payout with its status and failure reason',
	effect: 'reads',
	method: 'GET',
	path: '/v1/payouts/{payoutId}',
	show: showOnlyForPayoutGet,
	connectedAccount: true,
	fields: [pathIdField('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout, 'The payout (po_…)')],
});

export const payoutGetOperation = payoutGet.option;
export const payoutGetDescription: INodeProperties[] = payoutGet.properties;
