import { relative } from 'node:path';

import ts from 'typescript';

import type { Definition, ObjectDefinition } from './types';

/**
 * Whether a `number` field takes fractions. The SDK types integers and decimals alike as `number`,
 * so the field's own documentation decides. Stripe documents its fractional numbers as decimals,
 * percentages, coordinates or floats ("A non-negative decimal between 0 and 100", "Maximum
 * precision is 2 decimal places") and says "integer" where it means one; every amount, count, day
 * and timestamp is an integer. Links (`…/currencies#zero-decimal`) and "zero-decimal currency" say
 * nothing about the field itself and are ignored.
 */
export function documentsFractions(documentation: string): boolean {
	const text = documentation
		.replace(/\(https?:[^)]*\)|https?:\S+/g, '')
		.replace(/zero-decimal/gi, '');
	if (/\binteger\b/i.test(text)) return false;
	return /\b(decimals?|percent(age)?|latitude|longitude|float|fraction(al)?)\b/i.test(text);
}

function isOtherString(type: ts.Type): boolean {
	return (
		type.isIntersection() && type.types.some((member) => (member.flags & ts.TypeFlags.String) !== 0)
	);
}

/** The SDK says "The `type` parameter is deprecated. Use `controller` instead." (or tags it). */
function isDeprecated(property: ts.Symbol, documentation: string): boolean {
	return (
		property.getJsDocTags().some((tag) => tag.name === 'deprecated') ||
		/\bis deprecated\b/i.test(documentation)
	);
}

function isNeverPresent(type: ts.Type): boolean {
	const members = type.isUnion() ? type.types : [type];
	return members.every((member) => member.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined));
}

function isDecimal(type: ts.Type): boolean {
	return type.aliasSymbol?.name === 'Decimal';
}

function withNullable<T extends Definition>(definition: T, nullable: boolean): T {
	return nullable ? { ...definition, nullable: true } : definition;
}

/** Describes SDK types as definitions, naming each interface once in `types`. */
export class TypeDescriber {
	readonly types: Record<string, ObjectDefinition> = {};

	constructor(
		private readonly checker: ts.TypeChecker,
		private readonly esmDirectory: string,
	) {}

	/** The definition of a value of this type; `documentation` is the field's doc comment. */
	describe(type: ts.Type, documentation = ''): Definition {
		const members = type.isUnion() ? type.types : [type];
		let nullable = false;
		let plainString = false;
		let boolean = false;
		const literals: string[] = [];
		const others: ts.Type[] = [];
		for (const member of members) {
			if (member.flags & ts.TypeFlags.Null) nullable = true;
			else if (member.flags & ts.TypeFlags.Undefined) continue;
			else if (member.isStringLiteral()) {
				if (member.value === '') nullable = true;
				else literals.push(member.value);
			} else if (member.flags & ts.TypeFlags.BooleanLike) boolean = true;
			else if (member.flags & ts.TypeFlags.String || isOtherString(member)) plainString = true;
			else others.push(member);
		}
		const options: Definition[] = [];
		// An enum joined with the SDK's `OtherString` is still the pinned version's list of values:
		// `OtherString` only keeps the SDK compiling when Stripe adds values in later versions.
		// Sorted: the checker lists a union's members in the order it first met them, not as declared.
		if (literals.length > 0) options.push({ type: 'string', enum: literals.sort() });
		else if (plainString) options.push({ type: 'string' });
		if (boolean) options.push({ type: 'boolean' });
		for (const other of others) options.push(this.describeSingle(other, documentation));
		if (options.length === 0) return withNullable({ type: 'any' }, nullable);
		const unique = options.filter(
			(option, index) =>
				options.findIndex((other) => JSON.stringify(other) === JSON.stringify(option)) === index,
		);
		if (unique.length === 1) return withNullable(unique[0], nullable);
		return withNullable({ type: 'anyOf', anyOf: unique }, nullable);
	}

	private describeSingle(type: ts.Type, documentation: string): Definition {
		if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) {
			return documentsFractions(documentation)
				? { type: 'number' }
				: { type: 'number', integer: true };
		}
		if (type.flags & (ts.TypeFlags.BigInt | ts.TypeFlags.BigIntLiteral)) return { type: 'int64' };
		if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { type: 'any' };
		if (isDecimal(type)) return { type: 'decimal' };
		if (this.checker.isArrayType(type)) {
			const [items] = this.checker.getTypeArguments(type as ts.TypeReference);
			return { type: 'array', items: this.describe(items, documentation) };
		}
		if (type.flags & ts.TypeFlags.Object || type.isIntersection()) return this.describeObject(type);
		throw new Error(`Cannot describe type ${this.checker.typeToString(type)}`);
	}

	/** A stable name for a non-generic interface: `Transfers:TransferCreateParams`. */
	private nameOf(type: ts.Type): string | undefined {
		const symbol = type.aliasSymbol ?? type.getSymbol();
		const declaration = symbol?.declarations?.[0];
		if (!symbol || !declaration || !ts.isInterfaceDeclaration(declaration)) return undefined;
		if (declaration.typeParameters?.length) return undefined;
		const scopes: string[] = [];
		for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
			if (ts.isModuleDeclaration(node)) scopes.unshift(node.name.text);
		}
		const file = relative(this.esmDirectory, declaration.getSourceFile().fileName)
			.replace(/^resources\//, '')
			.replace(/\.d\.ts$/, '');
		return `${file}:${[...scopes, symbol.name].join('.')}`;
	}

	/**
	 * An endpoint's parameters, written out in full (not as a ref), so that each endpoint's line in
	 * the generated file shows what it takes.
	 */
	describeParameters(type: ts.Type): ObjectDefinition {
		const members = type.isUnion() ? type.types : [type];
		const [objectType] = members.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
		return this.objectDefinition(objectType);
	}

	private describeObject(type: ts.Type): Definition {
		const name = this.nameOf(type);
		// An empty interface (`AccountDeleteParams {}`) says more written out than named.
		if (!name || this.checker.getPropertiesOfType(type).length === 0) {
			return this.objectDefinition(type);
		}
		if (!this.types[name]) {
			// Reserved first, so an interface that refers to itself ends in a ref, not a loop.
			this.types[name] = { type: 'object', properties: {} };
			this.types[name] = this.objectDefinition(type);
		}
		return { type: 'ref', ref: name };
	}

	private objectDefinition(type: ts.Type): ObjectDefinition {
		const properties: Record<string, Definition> = {};
		const required: string[] = [];
		for (const property of this.checker.getPropertiesOfType(type)) {
			// A symbol-keyed member (`[Symbol.toStringTag]` of the ArrayBuffer a file upload may be) is no
			// wire field, and TypeScript names it `__@toStringTag@<id>` with an id that changes with
			// whatever else the program loads (such as the @types/node release).
			if (String(property.escapedName).startsWith('__@')) continue;
			const propertyType = this.checker.getTypeOfSymbol(property);
			// Methods are no data, and `deleted?: void` says a live object never has the field.
			if (propertyType.getCallSignatures().length > 0 || isNeverPresent(propertyType)) continue;
			const documentation = ts.displayPartsToString(property.getDocumentationComment(this.checker));
			const definition = this.describe(propertyType, documentation);
			properties[property.name] = isDeprecated(property, documentation)
				? { ...definition, deprecated: true }
				: definition;
			if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
		}
		const definition: ObjectDefinition = { type: 'object', properties };
		if (required.length > 0) definition.required = required;
		const index = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
		if (index) definition.additional = this.describe(index.type);
		return definition;
	}
}
