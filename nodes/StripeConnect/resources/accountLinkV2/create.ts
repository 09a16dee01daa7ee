import type { INodeProperties } from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../../shared/validation';
import { additionalFields, field, idField, type Field, type FieldSpec } from '../../shared/fields';
import { stripeOperation } from '../../shared/operation';

export const showOnlyForAccountLinkV2Create = {
	operation: ['create'],
	resource: ['accountLinkV2'],
};

const USE_CASES = ['account_onboarding', 'account_update'] as const;

/**
 * A field of the use case's options hash. Stripe nests it under the chosen use case
 * (`use_case.account_onboarding.refresh_url`), so the one field has one Param per use case, each active
 * only while Use Case has that value.
 */
function useCaseField(spec: Omit<FieldSpec, 'to' | 'when'> & { stripeName: string }): Field {
	const { stripeName, ...rest } = spec;
	const [first, ...others] = USE_CASES.map((useCase) =>
		field({ ...rest, to: { in: 'body', name: `use_case.${useCase}.${stripeName}` } }),
	);
	const params = [first, ...others].flatMap((item, index) =>
		item.params.map((param) => ({ ...param, when: { useCase: [USE_CASES[index]] } })),
	);
	return { property: first.property, params };
}

const accountLinkV2Create = stripeOperation({
	name: 'Create',
	value: 'create',
	action: 'Create an account link (v2)',
	description:
		'Creates a single-use Stripe-hosted onboarding or update URL for a v2 account (expires after a few minutes)',
	effect: 'changes',
	method: 'POST',
	path: '/v2/core/account_links',
	show: showOnlyForAccountLinkV2Create,
	connectedAccount: true,
	fields: [
		idField({
			name: 'account',
			displayName: 'Account ID',
			prefixes: STRIPE_ID_PREFIXES.account,
			to: { in: 'body', name: 'account' },
			description: 'The v2 account to onboard (acct_…)',
		}),
		field({
			name: 'useCase',
			displayName: 'Use Case',
			value: {
				kind: 'option',
				options: [
					{
						name: 'Onboarding',
						value: 'account_onboarding',
						description: 'Collect what the account still needs for its configurations',
					},
					{
						name: 'Update',
						value: 'account_update',
						description: 'Let the account update its details',
					},
				],
			},
			to: { in: 'body', name: 'use_case.type' },
		}),
		// Return URL before Refresh URL, as in Account Link (v1): the node shows the two once for both.
		useCaseField({
			name: 'returnUrl',
			displayName: 'Return URL',
			value: { kind: 'url' },
			stripeName: 'return_url',
			placeholder: 'https://example.com/onboarding/done',
			description: 'Where Stripe sends the user after they leave the flow',
		}),
		useCaseField({
			name: 'refreshUrl',
			displayName: 'Refresh URL',
			value: { kind: 'url' },
			stripeName: 'refresh_url',
			placeholder: 'https://example.com/onboarding/refresh',
			description: 'Where Stripe sends the user when the link expired; create a new link there',
		}),
		additionalFields([
			useCaseField({
				name: 'collect',
				displayName: 'Collect',
				value: {
					kind: 'option',
					options: [
						{ name: 'Currently Due', value: 'currently_due' },
						{ name: 'Eventually Due', value: 'eventually_due' },
					],
				},
				stripeName: 'collection_options.fields',
				description: "Which requirements to collect now (Stripe's default: Currently Due)",
			}),
			useCaseField({
				name: 'futureRequirements',
				displayName: 'Future Requirements',
				value: {
					kind: 'option',
					options: [
						{ name: 'Include', value: 'include' },
						{ name: 'Omit', value: 'omit' },
					],
				},
				stripeName: 'collection_options.future_requirements',
				description: "Whether to collect future requirements too (Stripe's default: Omit)",
			}),
		]),
	],
});

export const accountLinkV2CreateOperation = accountLinkV2Create.option;
export const accountLinkV2CreateDescription: INodeProperties[] = accountLinkV2Create.properties;
