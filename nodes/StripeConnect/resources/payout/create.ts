import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, bodyText, descriptionField, field, idField } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { amountWithCurrencyFields } from '../../shared/money';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutCreate = { operation: ['create'], resource: ['payout'] };

const payoutCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a payout',
	description:
		"Pays out a connected account's available balance to its bank account or card (standard or instant)",
	effect: 'movesMoney',
	method: 'POST',
	path: '/v1/payouts',
	show: showOnlyForPayoutCreate,
	amountUnit: true,
	fields: [
		idField({
			name: 'connectedAccount',
			displayName: 'Connected Account',
			prefixes: STRIPE_ID_PREFIXES.account,
			to: { in: 'stripeAccount' },
			description:
				'The connected account whose balance is paid out (sent as the Stripe-Account header)',
		}),
		...amountWithCurrencyFields(),
		field({
			name: 'method',
			displayName: 'Method',
			value: {
				kind: 'option',
				options: [
					{ name: 'Standard', value: 'standard', description: 'Arrives in 1–2 business days' },
					{
						name: 'Instant',
						value: 'instant',
						description: 'Arrives in minutes, costs an extra fee',
					},
				],
			},
			to: { in: 'body', name: 'method' },
		}),
		additionalFields([
			descriptionField(),
			idField({
				name: 'destination',
				displayName: 'Destination',
				prefixes: STRIPE_ID_PREFIXES.externalAccount,
				to: { in: 'body', name: 'destination' },
				description:
					'The external account to pay out to (default: the account default for the currency)',
			}),
			bodyText('statementDescriptor', 'Statement Descriptor', 'statement_descriptor', {
				description: 'Text on the bank statement (up to 22 characters)',
			}),
		]),
		...metadataFields(false),
	],
});

export const payoutCreateOperation = payoutCreate.option;
export const payoutCreateDescription: INodeProperties[] = payoutCreate.properties;
