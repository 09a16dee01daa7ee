import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutGet = { operation: ['get'], resource: ['payout'] };

export const payoutGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a payout',
	description: 'Retrieves one payout with its status and failure reason',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/payouts/', 'payoutId'),
	checks: [idCheck('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout)],
});

export const payoutGetDescription: INodeProperties[] = [
	idField('payoutId', 'Payout ID', 'po_…', showOnlyForPayoutGet, 'The payout (po_…)'),
	optionsCollection(showOnlyForPayoutGet, { connectedAccount: true }),
];
