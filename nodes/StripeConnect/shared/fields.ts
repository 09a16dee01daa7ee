import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES } from '../../shared/transport/retryPolicy';

/** The `displayOptions.show` of one operation (its `showOnlyFor…` constant). */
export type Show = NonNullable<IDisplayOptions['show']>;

/** A required Stripe ID field shown for one operation. */
export function idField(
	name: string,
	displayName: string,
	placeholder: string,
	show: Show,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
		displayOptions: { show },
	};
}

/** Return All and Limit for a list operation (Limit pages in sizes of at most 100). */
export function listFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Which shared options an operation offers. */
export interface OptionsSpec {
	/** Stripe allows the Stripe-Account header here. */
	connectedAccount?: boolean;
	/** The operation is a POST (Idempotency-Key applies). */
	post?: boolean;
}

/** The Options collection every operation has: Connected Account, Expand, Idempotency Key, Max Retries. */
export function optionsCollection(show: Show, spec: OptionsSpec): INodeProperties {
	const options: INodeProperties[] = [];
	if (spec.connectedAccount) {
		options.push({
			displayName: 'Connected Account',
			name: 'connectedAccount',
			type: 'string',
			default: '',
			placeholder: 'acct_1A2b3C4d5E6f7G8h',
			description:
				'Act on this connected account (sent as the Stripe-Account header) instead of the platform',
			routing: { request: { headers: { 'Stripe-Account': '={{$value}}' } } },
		});
	}
	options.push({
		displayName: 'Expand',
		name: 'expand',
		type: 'string',
		default: '',
		placeholder: 'e.g. balance_transaction, destination',
		description:
			'Comma-separated fields to expand into full objects (for lists, prefix with data., e.g. data.destination)',
	});
	if (spec.post) {
		options.push({
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description:
				'Leave empty to derive one from the execution, node and item, so retries never repeat the request. Set your own to make it idempotent across executions.',
			routing: { request: { headers: { 'Idempotency-Key': '={{$value}}' } } },
		});
	}
	options.push({
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: DEFAULT_MAX_RETRIES,
		description:
			'How often to retry rate limits (429), lock conflicts (409) and server errors (5xx), with backoff and the same idempotency key',
	});
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options,
	};
}

/** Metadata key/value pairs (an empty value clears that key) and, on updates, Clear All Metadata. */
export function metadataFields(show: Show, allowClearAll: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Metadata',
			default: {},
			description: 'Key/value pairs stored on the object. Leave a value empty to clear that key.',
			displayOptions: { show },
			options: [
				{
					displayName: 'Pair',
					name: 'pairs',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
	if (allowClearAll) {
		fields.push({
			displayName: 'Clear All Metadata',
			name: 'clearAllMetadata',
			type: 'boolean',
			default: false,
			description: 'Whether to remove every metadata key from the object',
			displayOptions: { show },
		});
	}
	return fields;
}

/** A Created After / Created Before pair for a filters collection (Unix seconds on the wire). */
export function dateRangeOptions(label: string, namePrefix: string): INodeProperties[] {
	return [
		{
			displayName: `${label} After`,
			name: `${namePrefix}After`,
			type: 'dateTime',
			default: '',
			description: `Only objects with ${label.toLowerCase()} at or after this time`,
		},
		{
			displayName: `${label} Before`,
			name: `${namePrefix}Before`,
			type: 'dateTime',
			default: '',
			description: `Only objects with ${label.toLowerCase()} at or before this time`,
		},
	];
}

function collection(
	displayName: string,
	name: string,
	placeholder: string,
	show: Show,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		displayOptions: { show },
		options,
	};
}

/** The Filters collection of a list operation. */
export function filtersCollection(show: Show, options: INodeProperties[]): INodeProperties {
	return collection('Filters', 'filters', 'Add Filter', show, options);
}

/** The Additional Fields collection: optional fields of an operation that writes. */
export function additionalFieldsCollection(
	show: Show,
	options: INodeProperties[],
): INodeProperties {
	return collection('Additional Fields', 'additionalFields', 'Add Field', show, options);
}

/** The Update Fields collection of an update operation. */
export function updateFieldsCollection(show: Show, options: INodeProperties[]): INodeProperties {
	return collection('Update Fields', 'updateFields', 'Add Field', show, options);
}

/**
 * Amount, Currency and Amount Unit of an operation that moves money (see amountWithCurrencyChecks):
 * the amount is entered in the smallest currency unit, or in major units when Amount Unit says so.
 */
export function amountWithCurrencyFields(show: Show, amountDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			default: 0,
			description: amountDescription,
			displayOptions: { show },
		},
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			required: true,
			default: 'usd',
			placeholder: 'usd',
			description: 'Three-letter ISO currency code in lowercase, e.g. usd, eur, jpy',
			displayOptions: { show },
		},
		{
			displayName: 'Amount Unit',
			name: 'amountUnit',
			type: 'options',
			default: 'minor',
			options: [
				{
					name: 'Smallest Unit (Cents)',
					value: 'minor',
					description: 'Integer in the smallest unit: 1050 is $10.50, 1050 is ¥1050',
				},
				{
					name: 'Major Unit',
					value: 'major',
					description:
						'Decimal in the main unit, converted exactly: 10.5 USD → 1050, 1050 JPY → 1050, 1.234 KWD → 1234',
				},
			],
			description: 'How the amount fields are entered',
			displayOptions: { show },
		},
	];
}

/** Additional Fields → Description, sent as Stripe's `description`. */
export function descriptionOption(): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		routing: { send: { type: 'body', property: 'description' } },
	};
}
