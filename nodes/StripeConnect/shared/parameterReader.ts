import type { IDataObject, IExecuteSingleFunctions, INodeParameters } from 'n8n-workflow';

import type { AmountUnit } from '../../shared/amounts';
import { StripeInputError } from '../../shared/validation';
import { checkValue } from './checkValue';
import { plainItemPath, readItemPath } from './itemReads';
import type { ValueKind } from './parameters';

/** Whether a resolved value is nothing: undefined, null, blank text or an empty list. */
export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** The value at a dotted parameter path (`additionalFields.amount`), or undefined. */
function valueAt(parameters: INodeParameters, path: string): unknown {
	let node: unknown = parameters;
	for (const key of path.split('.')) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[key];
	}
	return node;
}

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

function containsExpression(value: unknown): boolean {
	if (isExpression(value)) return true;
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object') {
		return Object.values(value).some(containsExpression);
	}
	return false;
}

/**
 * Reads the parameters of one item. A plain value is taken as it is; an expression that only reads a
 * property of the item is read from the item (see itemReads.ts); any other expression is resolved by
 * n8n, once. This keeps the node's own share of preparing an item small.
 */
export class ParameterReader {
	private readonly stored: INodeParameters;
	private item: IDataObject | undefined;

	constructor(
		private readonly context: IExecuteSingleFunctions,
		/** Off only to compare with n8n's own evaluation in tests. */
		private readonly readsFromItem = true,
	) {
		const node = context.getNode();
		this.stored = node.parameters;
		// As an AI tool the node's input is the agent's call, not the workflow item.
		if (node.type.endsWith('Tool')) this.readsFromItem = false;
	}

	/**
	 * Whether the parameter is present (typed or an expression), its resolved value, and whether an
	 * expression gave it.
	 */
	read(parameter: string): { set: boolean; value: unknown; fromExpression: boolean } {
		const raw = valueAt(this.stored, parameter);
		if (raw === undefined) return { set: false, value: undefined, fromExpression: false };
		if (!containsExpression(raw)) return { set: true, value: raw, fromExpression: false };
		const direct = this.readFromItem(raw);
		if (direct) return { set: true, value: direct.value, fromExpression: true };
		return {
			set: true,
			value: this.context.getNodeParameter(parameter, undefined),
			fromExpression: true,
		};
	}

	private readFromItem(raw: unknown): { value: unknown } | undefined {
		if (!this.readsFromItem || typeof raw !== 'string') return undefined;
		const path = plainItemPath(raw);
		if (!path) return undefined;
		this.item ??= this.context.getInputData().json;
		return readItemPath(this.item, path);
	}

	/** The parameter as stored in the workflow (expressions unresolved). */
	raw(parameter: string): unknown {
		return valueAt(this.stored, parameter);
	}

	/** Reads and checks one value the way a Param of this kind is checked. */
	check(
		parameter: string,
		field: string,
		kind: ValueKind,
		money: { unit: AmountUnit; currency?: string } = { unit: 'minor' },
	): unknown {
		const { set, value } = this.read(parameter);
		if (!set || isEmpty(value)) throw new StripeInputError(field, 'is required. Fill it in.');
		return checkValue(kind, value, field, money);
	}
}
