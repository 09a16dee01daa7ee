import type { INodeProperties } from 'n8n-workflow';

import { additionalFields, bodyText, field } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import { stripeOperation } from '../../shared/operation';
import { businessProfileFields, capabilityOptions } from './businessProfile';

export const showOnlyForAccountCreate = { operation: ['create'], resource: ['account'] };

const forController = { configuration: ['controller'] };

const accountCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a connected account',
	description:
		'Creates a connected account, configured either by controller properties (recommended) or by type (Standard, Express, Custom)',
	effect: 'changes',
	method: 'POST',
	path: '/v1/accounts',
	show: showOnlyForAccountCreate,
	fields: [
		field({
			name: 'configuration',
			displayName: 'Configure By',
			value: {
				kind: 'option',
				options: [
					{
						name: 'Controller Properties',
						value: 'controller',
						description: 'Who pays fees, owns losses, collects requirements and which dashboard',
					},
					{ name: 'Account Type', value: 'type', description: 'Standard, Express or Custom' },
				],
			},
		}),
		field({
			name: 'accountType',
			displayName: 'Account Type',
			value: {
				kind: 'option',
				options: [
					{ name: 'Custom', value: 'custom' },
					{ name: 'Express', value: 'express' },
					{ name: 'Standard', value: 'standard' },
				],
			},
			default: 'express',
			to: { in: 'body', name: 'type' },
			when: { configuration: ['type'] },
		}),
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
			when: forController,
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
			when: forController,
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
			when: forController,
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
			when: forController,
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
