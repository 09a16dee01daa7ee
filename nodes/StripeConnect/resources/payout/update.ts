import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idCheck } from '../../shared/checks';
import { idField, metadataFields, optionsCollection } from '../../shared/fields';
import { idPath, stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutUpdate = { operation: ['update'], resource: ['payout'] };

export const payoutUpdateOperation = stripeOperation({
	name: 'Update Metadata',
	value: 'update',
	action: 'Update the metadata of a payout',
	description: 'Sets or clears metadata keys on a payout',
	effect: 'changes',
	method: 'POST',
	url: idPath('/v1/payouts/', 'payoutId'),
	checks: [idCheck('payoutId', 'Payout ID', STRIPE_ID_PREFIXES.payout)],
});

export const payoutUpdateDescription: INodeProperties[] = [
	idField('payoutId', 'Payout ID', 'po_…', showOnlyForPayoutUpdate, 'The payout (po_…)'),
	...metadataFields(showOnlyForPayoutUpdate, true),
	optionsCollection(showOnlyForPayoutUpdate, { connectedAccount: true, post: true }),
];
