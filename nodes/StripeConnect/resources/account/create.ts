import type { INodeProperties } from 'n8n-workflow';

import { additionalFields, bodyText, field } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';
import { refuseRetired } from '../../shared/requestSteps';
import { businessProfileFields, capabilityOptions } from './businessProfile';

export const showOnlyForAccountCreate = { operation: ['create'], resource: ['account'] };

const accountCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a connected account',
	description:
		'Creates a connected account described by its controller properties: who pays fees, owns losses, collects requirements and which dashboard it gets',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts',
	show: showOnlyForAccountCreate,
	// Stripe deprecated account `type` for `controller`; the node offers only controller properties.
	// A workflow saved with the old Configure By → Account Type is refused, naming the properties
	// that match its type, rather than quietly creating an account of other properties.
	steps: [
		refuseRetired(
			'configuration',
			'Configure By → Account Type',
			'is no longer offered: Stripe deprecated account types for controller properties. Open the node and set Fees Payer, Losses Owner, Requirement Collection and Dashboard instead (Express = Platform, Platform, Stripe, Express Dashboard; Standard = Connected Account, Stripe, Stripe, Full Stripe Dashboard; Custom = Platform, Platform, Platform, None).',
			(stored) => stored === 'type',
		),
	],
	fields: [
		// Kept hidden so n8n keeps the saved value of older workflows and the step above can refuse it.
		{
			property: {
				displayName: 'Configure By',
				name: 'configuration',
				type: 'hidden',
				default: 'controller',
			},
			params: [],
		},
		field({
			name: 'feesPayer',
			displayName: 'Fees Payer',
			value: {
				kind: 'option',
				options: [
					{ name: 'Platform (Application)', value: 'application' },
					{ name: 'Connected Account', value: 'account' },
				],
			},
			description: 'Who pays Stripe fees',
			to: { in: 'body', name: 'controller.fees.payer' },
		}),
		field({
			name: 'lossesPayments',
			displayName: 'Losses Owner',
			value: {
				kind: 'option',
				options: [
					{ name: 'Platform (Application)', value: 'application' },
					{ name: 'Stripe', value: 'stripe' },
				],
			},
			description: 'Who is liable for refunds and chargebacks the account cannot cover',
			to: { in: 'body', name: 'controller.losses.payments' },
		}),
		field({
			name: 'requirementCollection',
			displayName: 'Requirement Collection',
			value: {
				kind: 'option',
				options: [
					{ name: 'Stripe', value: 'stripe' },
					{ name: 'Platform (Application)', value: 'application' },
				],
			},
			to: { in: 'body', name: 'controller.requirement_collection' },
		}),
		field({
			name: 'dashboard',
			displayName: 'Dashboard',
			value: {
				kind: 'option',
				options: [
					{ name: 'Express Dashboard', value: 'express' },
					{ name: 'Full Stripe Dashboard', value: 'full' },
					{ name: 'None', value: 'none' },
				],
			},
			to: { in: 'body', name: 'controller.stripe_dashboard.type' },
		}),
		field({
			name: 'country',
			displayName: 'Country',
			value: { kind: 'country' },
			to: { in: 'body', name: 'country' },
			default: 'US',
			placeholder: 'US',
			description: 'Two-letter ISO country code of the account',
		}),
		field({
			name: 'requestedCapabilities',
			displayName: 'Requested Capabilities',
			value: { kind: 'options', options: capabilityOptions },
			default: ['card_payments', 'transfers'],
			description: 'The capabilities to request for the account (at least one)',
			to: { in: 'body', name: 'capabilities' },
			shape: (names) =>
				Object.fromEntries((names as string[]).map((name) => [name, { requested: true }])),
		}),
		additionalFields([
			field({
				name: 'businessType',
				displayName: 'Business Type',
				value: {
					kind: 'option',
					options: [
						{ name: 'Company', value: 'company' },
						{ name: 'Government Entity', value: 'government_entity' },
						{ name: 'Individual', value: 'individual' },
						{ name: 'Non-Profit', value: 'non_profit' },
					],
				},
				default: 'individual',
				to: { in: 'body', name: 'business_type' },
			}),
			bodyText('email', 'Email', 'email', {
				placeholder: 'name@email.com',
				description: "The account holder's email address",
			}),
			...businessProfileFields(),
		]),
		...metadataFields(false),
	],
});

export const accountCreateOperation = accountCreate.option;
export const accountCreateDescription: INodeProperties[] = accountCreate.properties;
