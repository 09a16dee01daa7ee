import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { collection, field, idField } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';
import { refuseRetired } from '../../shared/requestSteps';

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
	// Stripe deprecated `collect` for `collection_options`; a workflow saved with Collect is refused.
	steps: [
		refuseRetired(
			'collect',
			'Collect',
			'is no longer offered: Stripe deprecated it for collection options. Open the node and set Collection Options → Fields (and Future Requirements) instead.',
			(stored) => stored !== undefined && stored !== '',
		),
	],
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
		// Kept hidden so n8n keeps the saved value of older workflows and the step can refuse it.
		{
			property: { displayName: 'Collect', name: 'collect', type: 'hidden', default: '' },
			params: [],
		},
		collection(
			{
				name: 'collectionOptions',
				displayName: 'Collection Options',
				placeholder: 'Add Option',
				description: 'Which requirements the link collects (Stripe: collection_options)',
			},
			[
				field({
					name: 'fields',
					displayName: 'Fields',
					value: {
						kind: 'option',
						options: [
							{
								name: 'Currently Due',
								value: 'currently_due',
								description: "What the account needs now (Stripe's default)",
							},
							{
								name: 'Eventually Due',
								value: 'eventually_due',
								description: 'Also what it will need later, in one go',
							},
						],
					},
					to: { in: 'body', name: 'collection_options.fields' },
				}),
				field({
					name: 'futureRequirements',
					displayName: 'Future Requirements',
					value: {
						kind: 'option',
						options: [
							{ name: 'Omit', value: 'omit', description: "Stripe's default" },
							{
								name: 'Include',
								value: 'include',
								description: 'Also collect requirements that upcoming rules will add',
							},
						],
					},
					to: { in: 'body', name: 'collection_options.future_requirements' },
				}),
			],
		),
	],
});

export const accountLinkCreateOperation = accountLinkCreate.option;
export const accountLinkCreateDescription: INodeProperties[] = accountLinkCreate.properties;
