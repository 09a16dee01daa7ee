/**
 * The shape of the generated definitions (`stripe-definitions.json`): every request parameter of
 * every endpoint and every field of every object of the pinned Stripe API version, as the
 * official `stripe` SDK types them.
 */

/** What every definition may say besides its type. */
interface Unsettable {
	/**
	 * The value may be unset: `''` in a form, `null` in JSON, `null` in a response
	 * (`Stripe.Emptyable<…>` or `… | null` in the SDK).
	 */
	nullable?: true;
	/** The SDK documents the parameter or field as deprecated ("Use `controller` instead"). */
	deprecated?: true;
}

/** A string; with `enum`, one of those values (the SDK's string-literal union). */
export interface StringDefinition extends Unsettable {
	type: 'string';
	enum?: string[];
}

/**
 * A number. The SDK types integers and decimals alike as `number`; `integer` is set unless the
 * field's own documentation says it takes fractions (see `generateDefinitions.ts`).
 */
export interface NumberDefinition extends Unsettable {
	type: 'number';
	integer?: true;
}

/** `true` or `false`. */
export interface BooleanDefinition extends Unsettable {
	type: 'boolean';
}

/** A decimal sent as a string (the SDK's `Decimal`), e.g. `unit_amount_decimal`. */
export interface DecimalDefinition extends Unsettable {
	type: 'decimal';
}

/** A 64-bit integer sent as a string in v2 JSON (the SDK's `bigint`). */
export interface Int64Definition extends Unsettable {
	type: 'int64';
}

/** A list of values of one definition. */
export interface ArrayDefinition extends Unsettable {
	type: 'array';
	items: Definition;
}

/**
 * An object: named `properties` (those in `required` must be present) and, for maps such as
 * `metadata`, `additional`: the definition of every other key's value.
 */
export interface ObjectDefinition extends Unsettable {
	type: 'object';
	properties: Record<string, Definition>;
	required?: string[];
	additional?: Definition;
}

/** One of several definitions (e.g. `created: RangeQueryParam | number`). */
export interface AnyOfDefinition extends Unsettable {
	type: 'anyOf';
	anyOf: Definition[];
}

/** A named object definition in `types`, shared by every place that uses it. */
export interface RefDefinition extends Unsettable {
	type: 'ref';
	ref: string;
}

/** Anything (the SDK says `unknown`/`any`, e.g. free-form JSON payloads). */
export interface AnyDefinition extends Unsettable {
	type: 'any';
}

export type Definition =
	| StringDefinition
	| NumberDefinition
	| BooleanDefinition
	| DecimalDefinition
	| Int64Definition
	| ArrayDefinition
	| ObjectDefinition
	| AnyOfDefinition
	| RefDefinition
	| AnyDefinition;

/** One endpoint: `METHOD /path/{placeholder}` and the parameters it takes. */
export interface EndpointDefinition {
	method: 'GET' | 'POST' | 'DELETE';
	/** The path as the SDK builds it, placeholders named after the SDK method's arguments. */
	path: string;
	/** The SDK method that calls it, e.g. `transfers.createReversal`, `v2.core.accounts.create`. */
	sdkMethod: string;
	/**
	 * Where the parameters travel: `form` (v1 POST body), `query` (v1 GET/DELETE, v2 GET/DELETE),
	 * `json` (v2 POST body).
	 */
	encoding: 'form' | 'query' | 'json';
	/** The parameters it accepts; an object without properties accepts none. */
	params: ObjectDefinition;
}

/** The whole generated file. */
export interface StripeDefinitions {
	/** The API version the SDK pins, e.g. `2026-10-28.endive`. */
	apiVersion: string;
	/** The `stripe` npm package version the definitions were generated from. */
	sdkVersion: string;
	endpoints: EndpointDefinition[];
	/** Response objects by their `object` value (`transfer`, `deleted_account`, `v2.core.account`). */
	objects: Record<string, Definition>;
	/** Named object definitions that `ref` points to. */
	types: Record<string, ObjectDefinition>;
}
