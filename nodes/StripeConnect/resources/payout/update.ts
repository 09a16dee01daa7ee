import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { pathIdField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutUpdate = { operation: ['update'], resource: ['payout'] };

const payoutUpdate = stripeOperation({
	name: 'Update Metadata',
	value: 'update',
	action: 'Update the metadata of a payout',
	description: 'Sets or clears metadata keys on a payout',
	effect: 'changes',
	method: 'POST',
	path: '/v1/payouts/{payoutId}',
	show: showOnlyForPayoutUpdate,
	connectedAccount: true,
	fields: [
		pathIdField('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout, 'The payout (po_…)'),
		...metadataFields(true),
	],
});

export const payoutUpdateOperation = payoutUpdate.option;
export const payoutUpdateDescription: INodeProperties[] = payoutUpdate.properties;
