import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeGet = { operation: ['get'], resource: ['dispute'] };

export const disputeGetOperation = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a dispute',
	description: 'Retrieves one dispute with its evidence and deadline',
	effect: 'reads',
	method: 'GET',
	url: idPath('/v1/disputes/', 'disputeId'),
	checks: [idCheck('disputeId', 'Dispute ID', STRIPE_ID_PREFIXES.dispute)],
});

export const disputeGetDescription: INodeProperties[] = [
	idField('disputeId', 'Dispute ID', 'dp_…', showOnlyForDisputeGet, 'The dispute (dp_… or du_…)'),
	optionsCollection(showOnlyForDisputeGet, { connectedAccount: true }),
];
