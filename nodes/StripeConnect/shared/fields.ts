import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyTypeOptions,
	NodeParameterValueType,
} from 'n8n-workflow';

import { STRIPE_ID_PREFIXES } from '../../shared/validation';
import type { Param, RequestStep, Target, ValueKind } from './parameters';

/** The `displayOptions.show` of one operation (its `showOnlyFor…` constant). */
export type Show = NonNullable<IDisplayOptions['show']>;

/**
 * A node field and the one way its value reaches Stripe, built together so they cannot drift apart:
 * `property` is what the editor shows, `params` what the request writer reads, checks and sends.
 */
export interface Field {
	property: INodeProperties;
	params: Param[];
	/** Request steps the field needs (metadata, the application fee). */
	steps?: RequestStep[];
}

/** What a single field is: its label, how its value is checked, where it goes. */
export interface FieldSpec {
	name: string;
	displayName: string;
	value: ValueKind;
	/** Where the value goes; omit for fields only other fields or steps read (Amount Unit). */
	to?: Target;
	description?: string;
	placeholder?: string;
	default?: NodeParameterValueType;
	typeOptions?: INodePropertyTypeOptions;
	/** Only shown and sent while these top-level parameters have one of these values. */
	when?: Readonly<Record<string, ReadonlyArray<string | boolean>>>;
	/**
	 * Neither shown nor sent while these top-level parameters have one of these values; an operation
	 * without such a parameter always has the field (so one declaration can serve several operations).
	 */
	hiddenWhen?: Readonly<Record<string, ReadonlyArray<string | boolean>>>;
	shape?: (value: unknown) => unknown;
}

const PROPERTY_TYPE: Record<ValueKind['kind'], INodeProperties['type']> = {
	text: 'string',
	id: 'string',
	currency: 'string',
	country: 'string',
	url: 'string',
	amount: 'number',
	percent: 'number',
	integer: 'number',
	boolean: 'boolean',
	option: 'options',
	options: 'multiOptions',
	timestamp: 'dateTime',
	delayDays: 'string',
	eventTypes: 'string',
	list: 'string',
	idempotencyKey: 'string',
	stripeContext: 'string',
};

function defaultFor(value: ValueKind): NodeParameterValueType {
	switch (value.kind) {
		case 'amount':
		case 'percent':
			return 0;
		case 'integer':
			return value.min;
		case 'boolean':
			return false;
		case 'option':
			return value.options[0].value;
		case 'options':
			return [];
		default:
			return '';
	}
}

/** One field (see FieldSpec). Inside a collection it is optional; at the top it is required. */
export function field(spec: FieldSpec): Field {
	const property: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		type: PROPERTY_TYPE[spec.value.kind],
		default: spec.default ?? defaultFor(spec.value),
	};
	if (spec.value.kind === 'option' || spec.value.kind === 'options') {
		property.options = spec.value.options as INodePropertyOptions[];
	}
	if (spec.placeholder !== undefined) property.placeholder = spec.placeholder;
	if (spec.description !== undefined) property.description = spec.description;
	if (spec.typeOptions !== undefined) property.typeOptions = spec.typeOptions;
	if (spec.when !== undefined || spec.hiddenWhen !== undefined) {
		property.displayOptions = {
			...(spec.when ? { show: spec.when as Show } : {}),
			...(spec.hiddenWhen ? { hide: spec.hiddenWhen as Show } : {}),
		};
	}
	const param: Param = { parameter: spec.name, field: spec.displayName, value: spec.value };
	if (spec.to) param.to = spec.to;
	if (spec.when) param.when = spec.when;
	if (spec.hiddenWhen) param.unless = spec.hiddenWhen;
	if (spec.shape) param.shape = spec.shape;
	return { property, params: [param] };
}

/** A Stripe ID field; the placeholder shows the prefixes it takes. */
export function idField(spec: Omit<FieldSpec, 'value'> & { prefixes: readonly string[] }): Field {
	const { prefixes, ...rest } = spec;
	return field({
		placeholder: prefixes.map((prefix) => `${prefix}…`).join(' or '),
		...rest,
		value: { kind: 'id', prefixes },
	});
}

/** Options shown by a collection field: name, placeholder, description. */
export interface CollectionSpec {
	name: string;
	displayName: string;
	placeholder: string;
	description?: string;
}

/**
 * A collection: its members are optional (sent only when the user added them) and named
 * "Collection → Member" in errors.
 */
export function collection(spec: CollectionSpec, members: Field[]): Field {
	const property: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		type: 'collection',
		placeholder: spec.placeholder,
		default: {},
		options: members.map((member) => member.property),
	};
	if (spec.description !== undefined) property.description = spec.description;
	return {
		property,
		params: members.flatMap((member) =>
			member.params.map((param) => ({
				...param,
				parameter: `${spec.name}.${param.parameter}`,
				field: `${spec.displayName} → ${param.field}`,
				optional: true,
			})),
		),
		steps: members.flatMap((member) => member.steps ?? []),
	};
}

/** The Additional Fields collection: optional fields of an operation that writes. */
export function additionalFields(members: Field[]): Field {
	return collection(
		{ name: 'additionalFields', displayName: 'Additional Fields', placeholder: 'Add Field' },
		members,
	);
}

/** The Update Fields collection of an update operation. */
export function updateFields(members: Field[]): Field {
	return collection(
		{ name: 'updateFields', displayName: 'Update Fields', placeholder: 'Add Field' },
		members,
	);
}

/** The Filters collection of a list operation (sent in the query). */
export function filters(members: Field[]): Field {
	return collection(
		{ name: 'filters', displayName: 'Filters', placeholder: 'Add Filter' },
		members,
	);
}

function textTo(where: 'body' | 'query') {
	return (name: string, displayName: string, property: string, extra: Partial<FieldSpec> = {}) =>
		field({
			name,
			displayName,
			value: { kind: 'text' },
			to: { in: where, name: property },
			...extra,
		});
}

/** A text field sent as Stripe's `property` in the body. */
export const bodyText = textTo('body');

/** A text filter sent as Stripe's `property` in the query. */
export const queryText = textTo('query');

/** Additional Fields → Description, sent as Stripe's `description`. */
export function descriptionField(): Field {
	return bodyText('description', 'Description', 'description');
}

/** A Created After / Created Before pair (Unix seconds on the wire, `created[gte]`/`created[lte]`). */
export function dateRangeFilters(label: string, namePrefix: string, stripeName: string): Field[] {
	return [
		field({
			name: `${namePrefix}After`,
			displayName: `${label} After`,
			value: { kind: 'timestamp' },
			to: { in: 'query', name: `${stripeName}.gte` },
			description: `Only objects with ${label.toLowerCase()} at or after this time`,
		}),
		field({
			name: `${namePrefix}Before`,
			displayName: `${label} Before`,
			value: { kind: 'timestamp' },
			to: { in: 'query', name: `${stripeName}.lte` },
			description: `Only objects with ${label.toLowerCase()} at or before this time`,
		}),
	];
}

/** An ID filter of a list operation, sent as Stripe's `property` in the query. */
export function idFilter(
	name: string,
	displayName: string,
	prefixes: readonly string[],
	property: string,
	description?: string,
): Field {
	return idField({
		name,
		displayName,
		prefixes,
		to: { in: 'query', name: property },
		...(description !== undefined ? { description } : {}),
	});
}

/** Filters → Charge: only objects of this charge. */
export function chargeFilter(): Field {
	return idFilter('charge', 'Charge', STRIPE_ID_PREFIXES.charge, 'charge');
}

/** Filters → Payment Intent: only objects of this payment intent. */
export function paymentIntentFilter(): Field {
	return idFilter(
		'paymentIntent',
		'Payment Intent',
		STRIPE_ID_PREFIXES.paymentIntent,
		'payment_intent',
	);
}

/** Return All and Limit of a list operation (Limit pages in sizes of at most 100). */
export function listFields(): Field[] {
	return [
		field({
			name: 'returnAll',
			displayName: 'Return All',
			value: { kind: 'boolean' },
			to: { in: 'setting', name: 'returnAll' },
			description: 'Whether to return all results or only up to a given limit',
		}),
		field({
			name: 'limit',
			displayName: 'Limit',
			value: { kind: 'integer', min: 1, max: Number.MAX_SAFE_INTEGER },
			to: { in: 'setting', name: 'limit' },
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			when: { returnAll: [false] },
		}),
	];
}

/** A required Stripe ID that is part of the path (`{name}` in the operation's path template). */
export function pathIdField(
	name: string,
	displayName: string,
	prefixes: readonly string[],
	description: string,
): Field {
	return idField({ name, displayName, prefixes, description, to: { in: 'path', name } });
}

/**
 * A field a request step reads itself (with ParameterReader.check, the same strict checks), so it
 * has no Param of its own: e.g. the fee fields the application fee step combines.
 */
export function readByStep(item: Field): Field {
	return { property: item.property, params: [] };
}
