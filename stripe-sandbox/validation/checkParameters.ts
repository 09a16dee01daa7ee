import { resolveDefinition } from '../definitions/loadDefinitions';
import type { Definition, ObjectDefinition } from '../definitions/types';
import { StripeApiError } from '../errors';
import type { Params, ParamValue } from '../types';
import type { RequestErrors } from './requestErrors';

/**
 * How parameter values arrive: `form` (v1 bodies and query strings, every value a string, `''`
 * unsets), `json` (v2 bodies, JSON types, `null` unsets) or `query` (v2 query strings: strings, a
 * repeated key is a list).
 */
export type Encoding = 'form' | 'json' | 'query';

type Shape = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

function shapeOf(value: unknown): Shape {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'object') return 'object';
	if (typeof value === 'number' || typeof value === 'boolean') return typeof value as Shape;
	return 'string';
}

/** The shape a value of this definition arrives in, in this encoding. */
function expectedShape(definition: Definition, encoding: Encoding): Shape | undefined {
	switch (definition.type) {
		case 'object':
			return 'object';
		case 'array':
			return 'array';
		case 'number':
			return encoding === 'json' ? 'number' : 'string';
		case 'boolean':
			return encoding === 'json' ? 'boolean' : 'string';
		case 'string':
		case 'decimal':
		case 'int64':
			return 'string';
		default:
			return undefined;
	}
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

/**
 * Checks decoded parameters against the definitions of the pinned version and returns them typed.
 * Throws the StripeApiError Stripe answers for the first problem; collects the names of
 * deprecated parameters that were used.
 */
export class ParameterChecker {
	readonly deprecated: string[] = [];

	constructor(
		private readonly encoding: Encoding,
		private readonly errors: RequestErrors,
	) {}

	checkObject(value: Record<string, unknown>, definition: ObjectDefinition, name: string): Params {
		const result: Params = {};
		for (const [key, child] of Object.entries(value)) {
			const childName = this.errors.child(name, key);
			const property = definition.properties[key] ?? definition.additional;
			if (!property) throw this.errors.unknown(childName);
			if (property.deprecated) this.deprecated.push(childName);
			result[key] = this.check(child, property, childName);
		}
		for (const key of definition.required ?? []) {
			if (!(key in value)) throw this.errors.missing(this.errors.child(name, key));
		}
		return result;
	}

	/** Checks one value; an unset value (`''`, `null`) comes back as `''`. */
	check(value: unknown, raw: Definition, name: string): ParamValue {
		const definition = resolveDefinition(raw);
		if (value === null || (value === '' && this.encoding !== 'json')) {
			if (definition.nullable || definition.type === 'any') return '';
			throw this.errors.empty(name);
		}
		switch (definition.type) {
			case 'any':
				return value as ParamValue;
			case 'anyOf':
				return this.checkAnyOf(value, definition.anyOf, name);
			case 'object':
				if (shapeOf(value) !== 'object') throw this.errors.invalidShape(name, 'object');
				return this.checkObject(value as Record<string, unknown>, definition, name);
			case 'array':
				return this.checkArray(value, definition.items, name);
			case 'string':
				if (typeof value !== 'string') throw this.errors.invalidShape(name, 'string');
				if (definition.enum && !definition.enum.includes(value)) {
					throw this.errors.invalidEnum(name, definition.enum);
				}
				return value;
			case 'number':
				return this.checkNumber(value, definition.integer === true, name);
			case 'decimal':
				if (typeof value !== 'string' || !DECIMAL.test(value)) {
					throw this.errors.invalidDecimal(name, String(value));
				}
				return value;
			case 'int64':
				if (typeof value !== 'string' || !INTEGER.test(value)) {
					throw this.errors.invalidInteger(name, String(value));
				}
				return value;
			case 'boolean':
				if (this.encoding === 'json') {
					if (typeof value !== 'boolean') throw this.errors.invalidBoolean(name, String(value));
					return value;
				}
				if (value !== 'true' && value !== 'false') {
					throw this.errors.invalidBoolean(
						name,
						shapeOf(value) === 'string' ? String(value) : shapeOf(value),
					);
				}
				return value === 'true';
			case 'ref':
				throw new Error(`Unresolved ref ${definition.ref}`);
		}
	}

	private checkNumber(value: unknown, integer: boolean, name: string): number {
		if (this.encoding === 'json') {
			if (typeof value !== 'number' || !Number.isFinite(value)) {
				throw this.errors.invalidShape(name, 'number');
			}
			if (integer && !Number.isInteger(value))
				throw this.errors.invalidInteger(name, String(value));
			return value;
		}
		const text = typeof value === 'string' ? value : shapeOf(value);
		if (integer && !INTEGER.test(text)) throw this.errors.invalidInteger(name, text);
		if (!integer && !DECIMAL.test(text)) throw this.errors.invalidDecimal(name, text);
		return Number(text);
	}

	private checkArray(value: unknown, items: Definition, name: string): ParamValue[] {
		// A v2 list may also arrive as a repeated key (`include=a&include=b`); one value is a list of one.
		const list = this.encoding === 'query' && typeof value === 'string' ? [value] : value;
		if (!Array.isArray(list)) throw this.errors.invalidShape(name, 'array');
		return list.map((item, index) => this.check(item, items, this.errors.child(name, index)));
	}

	/**
	 * The first option the value satisfies. Otherwise the problem reported is the one of the last
	 * option the value looks like (`created=abc` is an invalid integer, not an invalid hash).
	 */
	private checkAnyOf(value: unknown, options: Definition[], name: string): ParamValue {
		let closest: StripeApiError | undefined;
		const shape = shapeOf(value);
		for (const option of options) {
			const deprecatedBefore = this.deprecated.length;
			try {
				return this.check(value, option, name);
			} catch (error) {
				if (!(error instanceof StripeApiError)) throw error;
				this.deprecated.length = deprecatedBefore;
				if (!closest || expectedShape(resolveDefinition(option), this.encoding) === shape) {
					closest = error;
				}
			}
		}
		throw closest ?? this.errors.invalidShape(name, 'string');
	}
}
