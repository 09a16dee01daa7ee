import type { INodeProperties } from 'n8n-workflow';

import { StripeInputError } from '../../../shared/validation';
import { additionalFields, bodyText, field } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import type { ParameterReader } from '../../shared/parameterReader';
import type { RequestDraft } from '../../shared/parameters';
import { configurationsCollection } from './configurations';
import { accountDetailFields, includeCollection, v2MetadataFields } from './v2Fields';

export const showOnlyForAccountV2Create = { operation: ['create'], resource: ['accountV2'] };

/** Stripe needs both collectors or neither: `defaults.responsibilities` has two required fields. */
function requireBothCollectors(_reader: ParameterReader, draft: RequestDraft): void {
	const defaults = draft.request.body.defaults as
		| { responsibilities?: Record<string, unknown> }
		| undefined;
	const responsibilities = defaults?.responsibilities;
	if (!responsibilities) return;
	for (const [key, field] of [
		['fees_collector', 'Fees Collector'],
		['losses_collector', 'Losses Collector'],
	]) {
		if (responsibilities[key] === undefined) {
			throw new StripeInputError(
				`Additional Fields → ${field}`,
				'is needed as well: Stripe takes the fees and losses collectors together. Add it.',
			);
		}
	}
}

const accountV2Create = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an account (v2)',
	description:
		'Creates an Accounts v2 account with the merchant, recipient and/or customer configurations and the capabilities each requests',
	effect: 'changes',
	method: 'POST',
	path: '/v2/core/accounts',
	show: showOnlyForAccountV2Create,
	connectedAccount: true,
	fields: [
		bodyText('displayName', 'Display Name', 'display_name', {
			placeholder: 'Maker Studio',
			description: 'The name shown for the account in the Dashboard and to its customers',
		}),
		bodyText('contactEmail', 'Contact Email', 'contact_email', {
			placeholder: 'owner@maker.example.com',
			description: 'Where Stripe contacts the account; required for merchant and recipient',
		}),
		field({
			name: 'country',
			displayName: 'Country',
			value: { kind: 'country' },
			to: { in: 'body', name: 'identity.country' },
			default: 'US',
			placeholder: 'US',
			description: 'Two-letter ISO country of the account (identity.country)',
		}),
		configurationsCollection('apply'),
		additionalFields([
			...accountDetailFields(),
			field({
				name: 'feesCollector',
				displayName: 'Fees Collector',
				value: {
					kind: 'option',
					options: [
						{ name: 'Platform (Application)', value: 'application' },
						{ name: 'Platform, Custom Pricing', value: 'application_custom' },
						{ name: 'Platform, Express Pricing', value: 'application_express' },
						{ name: 'Stripe', value: 'stripe' },
					],
				},
				to: { in: 'body', name: 'defaults.responsibilities.fees_collector' },
				description: 'Who collects Stripe fees from the account (add Losses Collector too)',
			}),
			{
				...field({
					name: 'lossesCollector',
					displayName: 'Losses Collector',
					value: {
						kind: 'option',
						options: [
							{ name: 'Platform (Application)', value: 'application' },
							{ name: 'Stripe', value: 'stripe' },
						],
					},
					to: { in: 'body', name: 'defaults.responsibilities.losses_collector' },
					description: 'Who covers losses the account cannot (add Fees Collector too)',
				}),
				steps: [requireBothCollectors],
			},
		]),
		includeCollection('body'),
		...v2MetadataFields(),
	],
});

export const accountV2CreateOperation = accountV2Create.option;
export const accountV2CreateDescription: INodeProperties[] = accountV2Create.properties;
