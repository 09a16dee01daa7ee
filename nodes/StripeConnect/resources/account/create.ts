import type { INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, metadataFields, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { businessProfileOptions, capabilityOptions } from './businessProfile';

export const showOnlyForAccountCreate = { operation: ['create'], resource: ['account'] };

export const accountCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a connected account',
	description:
		'Creates a connected account, configured either by controller properties (recommended) or by type (Standard, Express, Custom)',
	effect: 'changes',
	method: 'POST',
	url: '/v1/accounts',
	checks: [
		{
			kind: 'country',
			parameter: 'country',
			field: 'Country',
			target: 'body',
			property: 'country',
		},
		{
			kind: 'list',
			parameter: 'requestedCapabilities',
			field: 'Requested Capabilities',
			optional: true,
		},
	],
});

const showForController = { ...showOnlyForAccountCreate, configuration: ['controller'] };
const showForType = { ...showOnlyForAccountCreate, configuration: ['type'] };

export const accountCreateDescription: INodeProperties[] = [
	{
		displayName: 'Configure By',
		name: 'configuration',
		type: 'options',
		default: 'controller',
		displayOptions: { show: showOnlyForAccountCreate },
		options: [
			{
				name: 'Controller Properties',
				value: 'controller',
				description: 'Who pays fees, owns losses, collects requirements and which dashboard',
			},
			{ name: 'Account Type', value: 'type', description: 'Standard, Express or Custom' },
		],
	},
	{
		displayName: 'Account Type',
		name: 'accountType',
		type: 'options',
		default: 'express',
		displayOptions: { show: showForType },
		options: [
			{ name: 'Custom', value: 'custom' },
			{ name: 'Express', value: 'express' },
			{ name: 'Standard', value: 'standard' },
		],
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Fees Payer',
		name: 'feesPayer',
		type: 'options',
		default: 'application',
		displayOptions: { show: showForController },
		options: [
			{ name: 'Platform (Application)', value: 'application' },
			{ name: 'Connected Account', value: 'account' },
		],
		description: 'Who pays Stripe fees',
		routing: { send: { type: 'body', property: 'controller.fees.payer' } },
	},
	{
		displayName: 'Losses Owner',
		name: 'lossesPayments',
		type: 'options',
		default: 'application',
		displayOptions: { show: showForController },
		options: [
			{ name: 'Platform (Application)', value: 'application' },
			{ name: 'Stripe', value: 'stripe' },
		],
		description: 'Who is liable for refunds and chargebacks the account cannot cover',
		routing: { send: { type: 'body', property: 'controller.losses.payments' } },
	},
	{
		displayName: 'Requirement Collection',
		name: 'requirementCollection',
		type: 'options',
		default: 'stripe',
		displayOptions: { show: showForController },
		options: [
			{ name: 'Stripe', value: 'stripe' },
			{ name: 'Platform (Application)', value: 'application' },
		],
		routing: { send: { type: 'body', property: 'controller.requirement_collection' } },
	},
	{
		displayName: 'Dashboard',
		name: 'dashboard',
		type: 'options',
		default: 'express',
		displayOptions: { show: showForController },
		options: [
			{ name: 'Express Dashboard', value: 'express' },
			{ name: 'Full Stripe Dashboard', value: 'full' },
			{ name: 'None', value: 'none' },
		],
		routing: { send: { type: 'body', property: 'controller.stripe_dashboard.type' } },
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: 'US',
		placeholder: 'US',
		description: 'Two-letter ISO country code of the account',
		displayOptions: { show: showOnlyForAccountCreate },
	},
	{
		displayName: 'Requested Capabilities',
		name: 'requestedCapabilities',
		type: 'multiOptions',
		default: ['card_payments', 'transfers'],
		options: capabilityOptions,
		displayOptions: { show: showOnlyForAccountCreate },
		routing: {
			send: {
				type: 'body',
				property: 'capabilities',
				value: '={{ Object.fromEntries($value.map(name => [name, { requested: true }])) }}',
			},
		},
	},
	additionalFieldsCollection(showOnlyForAccountCreate, [
		{
			displayName: 'Business Type',
			name: 'businessType',
			type: 'options',
			default: 'individual',
			options: [
				{ name: 'Company', value: 'company' },
				{ name: 'Government Entity', value: 'government_entity' },
				{ name: 'Individual', value: 'individual' },
				{ name: 'Non-Profit', value: 'non_profit' },
			],
			routing: { send: { type: 'body', property: 'business_type' } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "The account holder's email address",
			routing: { send: { type: 'body', property: 'email' } },
		},
		...businessProfileOptions,
	]),
	...metadataFields(showOnlyForAccountCreate, false),
	optionsCollection(showOnlyForAccountCreate, { post: true }),
];
