import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { idField, optionsCollection } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountLinkCreate = { operation: ['create'], resource: ['accountLink'] };

export const accountLinkCreateOperation = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an account link',
	description:
		'Creates a single-use Stripe-hosted onboarding or update URL for a connected account (expires after a few minutes)',
	effect: 'changes',
	method: 'POST',
	url: '/v1/account_links',
	checks: [
		{
			kind: 'id',
			parameter: 'account',
			field: 'Account ID',
			prefixes: STRIPE_ID_PREFIXES.account,
			target: 'body',
			property: 'account',
		},
		{
			kind: 'url',
			parameter: 'returnUrl',
			field: 'Return URL',
			target: 'body',
			property: 'return_url',
		},
		{
			kind: 'url',
			parameter: 'refreshUrl',
			field: 'Refresh URL',
			target: 'body',
			property: 'refresh_url',
		},
	],
});

export const accountLinkCreateDescription: INodeProperties[] = [
	idField(
		'account',
		'Account ID',
		'acct_…',
		showOnlyForAccountLinkCreate,
		'The connected account to onboard (acct_…)',
	),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'account_onboarding',
		options: [
			{
				name: 'Onboarding',
				value: 'account_onboarding',
				description: 'Collect what the account still needs',
			},
			{
				name: 'Update',
				value: 'account_update',
				description: 'Let the account update its details',
			},
		],
		displayOptions: { show: showOnlyForAccountLinkCreate },
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Return URL',
		name: 'returnUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/onboarding/done',
		description: 'Where Stripe sends the user after they leave the flow',
		displayOptions: { show: showOnlyForAccountLinkCreate },
	},
	{
		displayName: 'Refresh URL',
		name: 'refreshUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/onboarding/refresh',
		description: 'Where Stripe sends the user when the link expired; create a new link there',
		displayOptions: { show: showOnlyForAccountLinkCreate },
	},
	{
		displayName: 'Collect',
		name: 'collect',
		type: 'options',
		default: 'currently_due',
		options: [
			{ name: 'Currently Due', value: 'currently_due' },
			{ name: 'Eventually Due', value: 'eventually_due' },
		],
		description: 'Which requirements to collect now',
		displayOptions: { show: showOnlyForAccountLinkCreate },
		routing: { send: { type: 'body', property: 'collect' } },
	},
	optionsCollection(showOnlyForAccountLinkCreate, { post: true }),
];
