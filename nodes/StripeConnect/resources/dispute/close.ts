import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForDisputeClose = { operation: ['close'], resource: ['dispute'] };

export const disputeCloseOperation = stripeOperation({
	name: 'Close',
	value: 'close',
	action: 'Close a dispute',
	description:
		'Accepts the dispute as lost: the disputed funds stay with the customer. This cannot be undone.',
	effect: 'movesMoney',
	method: 'POST',
	url: idPath('/v1/disputes/', 'disputeId', '/close'),
	checks: [idCheck('disputeId', 'Dispute ID', STRIPE_ID_PREFIXES.dispute)],
});

export const disputeCloseDescription: INodeProperties[] = [
	idField(
		'disputeId',
		'Dispute ID',
		'dp_…',
		showOnlyForDisputeClose,
		'The dispute to accept (dp_… or du_…)',
	),
	optionsCollection(showOnlyForDisputeClose, { connectedAccount: true, post: true }),
];
