import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeClose = { operation: ['close'], resource: ['dispute'] };

const disputeClose = stripeOperation({
	name: 'Close',
	value: 'close',
	action: 'Close a dispute',
	description:
		'Accepts the dispute as lost: the disputed funds stay with the customer. This cannot be undone.',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/disputes/{disputeId}/close',
	show: showOnlyForDisputeClose,
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

export const disputeCloseOperation = disputeClose.option;
export const disputeCloseDescription: INodeProperties[] = disputeClose.properties;
