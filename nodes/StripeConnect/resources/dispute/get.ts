import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeGet = { operation: ['get'], resource: ['dispute'] };

const disputeGet = stripeOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a dispute',
	description: 'Retrieves one dispute with its evidence and deadline',
	effect: 'reads',
	method: 'GET',
	path: '/v1/disputes/{disputeId}',
	show: showOnlyForDisputeGet,
	connectedAccount: true,
	fields: [
		pathIdField(
			'disputeId',
			'Dispute ID',
			STRIPE_ID_PREFIXES.dispute,
			'The dispute (dp_… or du_…)',
		),
	],
});

export const disputeGetOperation = disputeGet.option;
export const disputeGetDescription: INodeProperties[] = disputeGet.properties;
