import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { bodyText, pathIdField, updateFields } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferUpdate = { operation: ['update'], resource: ['transfer'] };

const transferUpdate = stripeOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a transfer',
	description: 'Changes the description or metadata of a transfer',
	effect: 'changes',
	method: 'POST',
	path: '/v1/transfers/{transferId}',
	show: showOnlyForTransferUpdate,
	fields: [
		pathIdField('transferId', 'Transfer ID', STRIPE_ID_PREFIXES.transfer, 'The transfer (tr_…)'),
		updateFields([
			bodyText('description', 'Description', 'description', {
				description: 'New description. Stripe cannot empty it: a blank field leaves it as it is.',
			}),
		]),
		...metadataFields(true),
	],
});

export const transferUpdateOperation = transferUpdate.option;
export const transferUpdateDescription: INodeProperties[] = transferUpdate.properties;
