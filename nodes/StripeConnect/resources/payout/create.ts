import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { amountWithCurrencyChecks, idCheck, optionalBodyIdCheck } from '../../shared/checks';
import {
	additionalFieldsCollection,
	amountWithCurrencyFields,
	descriptionOption,
	idField,
	metadataFields,
	optionsCollection,
} from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForPayoutCreate = { operation: ['create'], resource: ['payout'] };

export const payoutCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a payout',
	description:
		"Pays out a connected account's available balance to its bank account or card (standard or instant)",
	effect: 'movesMoney',
	method: 'POST',
	url: '/v1/payouts',
	checks: [
		idCheck('connectedAccount', 'Connected Account', STRIPE_ID_PREFIXES.account),
		...amountWithCurrencyChecks(),
		optionalBodyIdCheck(
			'additionalFields.destination',
			'Destination',
			STRIPE_ID_PREFIXES.externalAccount,
			'destination',
		),
	],
});

export const payoutCreateDescription: INodeProperties[] = [
	{
		...idField(
			'connectedAccount',
			'Connected Account',
			'acct_…',
			showOnlyForPayoutCreate,
			'The connected account whose balance is paid out (sent as the Stripe-Account header)',
		),
		routing: { request: { headers: { 'Stripe-Account': '={{$value}}' } } },
	},
	...amountWithCurrencyFields(showOnlyForPayoutCreate, 'How much to pay out'),
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'standard',
		options: [
			{ name: 'Standard', value: 'standard', description: 'Arrives in 1–2 business days' },
			{ name: 'Instant', value: 'instant', description: 'Arrives in minutes, costs an extra fee' },
		],
		displayOptions: { show: showOnlyForPayoutCreate },
		routing: { send: { type: 'body', property: 'method' } },
	},
	additionalFieldsCollection(showOnlyForPayoutCreate, [
		descriptionOption(),
		{
			displayName: 'Destination',
			name: 'destination',
			type: 'string',
			default: '',
			placeholder: 'ba_… or card_…',
			description:
				'The external account to pay out to (default: the account default for the currency)',
		},
		{
			displayName: 'Statement Descriptor',
			name: 'statementDescriptor',
			type: 'string',
			default: '',
			description: 'Text on the bank statement (up to 22 characters)',
			routing: { send: { type: 'body', property: 'statement_descriptor' } },
		},
	]),
	...metadataFields(showOnlyForPayoutCreate, false),
	optionsCollection(showOnlyForPayoutCreate, { post: true }),
];
