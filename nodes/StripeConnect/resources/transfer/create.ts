import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, bodyText, descriptionField, idField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { amountWithCurrencyFields, destinationAccountField } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForTransferCreate = { operation: ['create'], resource: ['transfer'] };

const transferCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a transfer',
	description: 'Sends funds from the platform balance to a connected account',
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/transfers',
	show: showOnlyForTransferCreate,
	amountUnit: true,
	fields: [
		// Stripe's own order: amount, currency, destination.
		...amountWithCurrencyFields(),
		destinationAccountField({ in: 'body', name: 'destination' }),
		additionalFields([
			descriptionField(),
			idField({
				name: 'sourceTransaction',
				displayName: 'Source Transaction',
				prefixes: STRIPE_ID_PREFIXES.charge,
				to: { in: 'body', name: 'source_transaction' },
				description:
					'A charge (ch_…) whose funds this transfer uses, so it waits for them to become available',
			}),
			bodyText('transferGroup', 'Transfer Group', 'transfer_group', {
				description: 'A string that links this transfer to the charges of the same order',
			}),
		]),
		...metadataFields(false),
	],
});

export const transferCreateOperation = transferCreate.option;
export const transferCreateDescription: INodeProperties[] = transferCreate.properties;
