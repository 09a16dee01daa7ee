import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { field, idField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountLinkCreate = { operation: ['create'], resource: ['accountLink'] };

const accountLinkCreate = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an account link',
	description:
		'Creates a single-use Stripe-hosted onboarding or update URL for a connected account (expires after a few minutes)',
	effect: 'changes',
	method: 'POST',
	path: '/v1/account_links',
	show: showOnlyForAccountLinkCreate,
	fields: [
		idField({
			name: 'account',
			displayName: 'Account ID',
			prefixes: STRIPE_ID_PREFIXES.account,
			to: { in: 'body', name: 'account' },
			description: 'The connected account to onboard (acct_…)',
		}),
		field({
			name: 'type',
			displayName: 'Type',
			value: {
				kind: 'option',
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
			},
			to: { in: 'body', name: 'type' },
		}),
		field({
			name: 'returnUrl',
			displayName: 'Return URL',
			value: { kind: 'url' },
			to: { in: 'body', name: 'return_url' },
			placeholder: 'https://example.com/onboarding/done',
			description: 'Where Stripe sends the user after they leave the flow',
		}),
		field({
			name: 'refreshUrl',
			displayName: 'Refresh URL',
			value: { kind: 'url' },
			to: { in: 'body', name: 'refresh_url' },
			placeholder: 'https://example.com/onboarding/refresh',
			description: 'Where Stripe sends the user when the link expired; create a new link there',
		}),
		field({
			name: 'collect',
			displayName: 'Collect',
			value: {
				kind: 'option',
				options: [
					{ name: 'Currently Due', value: 'currently_due' },
					{ name: 'Eventually Due', value: 'eventually_due' },
				],
			},
			description: 'Which requirements to collect now',
			to: { in: 'body', name: 'collect' },
		}),
	],
});

export const accountLinkCreateOperation = accountLinkCreate.option;
export const accountLinkCreateDescription: INodeProperties[] = accountLinkCreate.properties;
