import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { StripeInputError } from '../../../shared/validation';
import { bodyText, collection, field, type Field } from '../../shared/fields';
import { metadataFields } from '../../shared/metadataFields';
import type { ParameterReader } from '../../shared/parameterReader';
import type { RequestDraft } from '../../shared/parameters';

/*
 * Fields the API v2 operations share (Account, Account Link and Person v2): `include`, metadata as v2
 * unsets it, and the account details create and update both send.
 */

/** What a v2 Account answer can include (null unless included). */
const INCLUDE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Customer Configuration', value: 'configuration.customer' },
	{ name: 'Defaults', value: 'defaults' },
	{ name: 'Future Requirements', value: 'future_requirements' },
	{ name: 'Identity', value: 'identity' },
	{ name: 'Merchant Configuration', value: 'configuration.merchant' },
	{ name: 'Recipient Configuration', value: 'configuration.recipient' },
	{ name: 'Requirements', value: 'requirements' },
];

/**
 * Response → Include: the parts of the Account Stripe fills in the answer (`include`, in the body of a
 * POST and the query of a GET). Without it they are null.
 */
export function includeCollection(where: 'body' | 'query'): Field {
	return collection(
		{ name: 'response', displayName: 'Response', placeholder: 'Add Response Option' },
		[
			field({
				name: 'include',
				displayName: 'Include',
				value: { kind: 'options', options: INCLUDE_OPTIONS },
				to: { in: where, name: 'include' },
				description:
					'Parts of the account to return; Stripe returns them as null unless included (e.g. Requirements to see what onboarding still needs)',
			}),
		],
	);
}

/** v2 unsets a metadata key with `null` where v1 sends an empty value. */
function metadataAsV2(_reader: ParameterReader, draft: RequestDraft): void {
	const metadata = draft.request.body.metadata;
	if (metadata === '') {
		throw new StripeInputError('Clear All Metadata', 'is not available on API v2 objects.');
	}
	if (metadata === undefined || metadata === null || typeof metadata !== 'object') return;
	draft.request.body.metadata = Object.fromEntries(
		Object.entries(metadata as IDataObject).map(([key, value]) => [
			key,
			value === '' ? null : value,
		]),
	);
}

/** Metadata pairs of a v2 object: a pair left empty removes that key (sent as null). */
export function v2MetadataFields(): Field[] {
	const [metadata] = metadataFields(false);
	return [{ ...metadata, steps: [...(metadata.steps ?? []), metadataAsV2] }];
}

/** Account → Dashboard. */
export function dashboardField(): Field {
	return field({
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
		to: { in: 'body', name: 'dashboard' },
		description:
			'The dashboard the account uses. Express needs both Fees Collector and Losses Collector to be the platform.',
	});
}

/** Identity → Entity Type. */
export function entityTypeField(): Field {
	return field({
		name: 'entityType',
		displayName: 'Entity Type',
		value: {
			kind: 'option',
			options: [
				{ name: 'Company', value: 'company' },
				{ name: 'Government Entity', value: 'government_entity' },
				{ name: 'Individual', value: 'individual' },
				{ name: 'Non-Profit', value: 'non_profit' },
			],
		},
		default: 'company',
		to: { in: 'body', name: 'identity.entity_type' },
	});
}

/** Fields of the account's details that create and update send alike. */
export function accountDetailFields(): Field[] {
	return [
		bodyText('contactPhone', 'Contact Phone', 'contact_phone', { placeholder: '+15555550100' }),
		field({
			name: 'currency',
			displayName: 'Default Currency',
			value: { kind: 'currency' },
			to: { in: 'body', name: 'defaults.currency' },
			placeholder: 'usd',
			description: "Three-letter ISO currency code; Stripe's default follows the country",
		}),
		dashboardField(),
		entityTypeField(),
		field({
			name: 'businessUrl',
			displayName: 'Business URL',
			value: { kind: 'url' },
			to: { in: 'body', name: 'defaults.profile.business_url' },
			placeholder: 'https://maker.example.com',
		}),
		bodyText('doingBusinessAs', 'Doing Business As', 'defaults.profile.doing_business_as'),
		bodyText('productDescription', 'Product Description', 'defaults.profile.product_description'),
	];
}
