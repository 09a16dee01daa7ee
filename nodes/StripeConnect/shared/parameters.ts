import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { AmountUnit } from '../../shared/amounts';
import type { StripeRequest } from '../../shared/transport/request';
import { StripeInputError, describeValue } from '../../shared/validation';
import { checkValue } from './checkValue';
import { isEmpty, type ParameterReader } from './parameterReader';

/*
 * The one path from node parameters to a Stripe request. Every field an operation sends is declared
 * once (see fields.ts) as a Param: which parameter, how its value is checked, where it goes. This
 * file reads each parameter once, checks it strictly and writes it to the request — there is no
 * other way a value reaches Stripe (no routing.send, no header round trip).
 *
 * Strictness, for every field alike:
 * - an options field whose value is not exactly one of its options is an error listing them;
 * - a field that was set (a value or an expression) and resolves to nothing ('', spaces, null, [],
 *   a missing property) is an error, except an optional free-text field of the body (a description,
 *   an email, a business profile field): left blank, it sends nothing (see isBlankFreeText);
 * - a field the user never added to a collection is left out, so Stripe's default applies;
 * - every amount and percent goes through parseAmount / checkPercent.
 */

/** How a value is checked (and what the node property's type is). */
export type ValueKind =
	| { kind: 'text' }
	| { kind: 'id'; prefixes: readonly string[] }
	| { kind: 'currency' }
	| { kind: 'country' }
	| { kind: 'url' }
	| { kind: 'amount'; allowZero?: boolean }
	| { kind: 'percent' }
	| { kind: 'integer'; min: number; max: number }
	| { kind: 'boolean' }
	| { kind: 'option'; options: readonly INodePropertyOptions[] }
	| { kind: 'options'; options: readonly INodePropertyOptions[] }
	| { kind: 'timestamp' }
	| { kind: 'delayDays' }
	| { kind: 'eventTypes' }
	| { kind: 'list' }
	| { kind: 'idempotencyKey' }
	| { kind: 'stripeContext' };

/** Settings a field gives the request hook rather than Stripe. */
export type SettingName =
	| 'returnAll'
	| 'limit'
	| 'maxRetries'
	| 'rateLimitWait'
	| 'idempotency'
	| 'idempotencyKey';

/** Where a checked value goes. */
export type Target =
	| { in: 'body' | 'query'; name: string }
	| { in: 'path'; name: string }
	| { in: 'stripeAccount' | 'stripeContext' }
	| { in: 'setting'; name: SettingName };

/** One parameter of an operation and the single way it reaches the request. */
export interface Param {
	/** Node parameter path, e.g. `amount` or `additionalFields.transferGroup`. */
	parameter: string;
	/** How the field is named in errors, e.g. `Additional Fields → Transfer Group`. */
	field: string;
	value: ValueKind;
	/** Where the value goes; none when only other parameters or steps read it (Amount Unit). */
	to?: Target;
	/** A top-level field is always present; a collection member only when the user added it. */
	optional?: boolean;
	/** Only active while these parameters have one of these (checked) values. */
	when?: Readonly<Record<string, ReadonlyArray<string | boolean>>>;
	/** Not active while these parameters have one of these (checked) values. */
	unless?: Readonly<Record<string, ReadonlyArray<string | boolean>>>;
	/** Turns the checked value into Stripe's shape (e.g. capability names into a map). */
	shape?: (value: unknown) => unknown;
}

/** How amounts are entered in an operation that has an Amount Unit. */
export interface MoneyFields {
	unitParameter: string;
	currencyParameter: string;
}

/** The request under construction, handed to an operation's steps. */
export interface RequestDraft {
	request: StripeRequest & { query: IDataObject; body: IDataObject };
	settings: Partial<Record<SettingName, unknown>>;
	/** Checked values by parameter path. */
	values: Map<string, unknown>;
}

/** A step that builds part of the request from several parameters (metadata, the application fee). */
export type RequestStep = (reader: ParameterReader, draft: RequestDraft) => void;

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject[string];
}

function isActive(param: Param, values: Map<string, unknown>): boolean {
	const valueOf = (parameter: string) => values.get(parameter) as string | boolean;
	const shown = Object.entries(param.when ?? {}).every(([parameter, allowed]) =>
		allowed.includes(valueOf(parameter)),
	);
	const hidden = Object.entries(param.unless ?? {}).some(([parameter, refused]) =>
		refused.includes(valueOf(parameter)),
	);
	return shown && !hidden;
}

function write(draft: RequestDraft, target: Target, value: unknown): void {
	const { request } = draft;
	switch (target.in) {
		case 'body':
			setPath(request.body, target.name, value);
			return;
		case 'query':
			setPath(request.query, target.name, value);
			return;
		case 'path':
			request.path = request.path.replace(`{${target.name}}`, encodeURIComponent(String(value)));
			return;
		case 'stripeAccount':
			request.stripeAccount = value as string;
			return;
		case 'stripeContext':
			request.stripeContext = value as string;
			return;
		case 'setting':
			draft.settings[target.name] = value;
	}
}

/**
 * An optional free-text field of the body left blank (typed or from an expression) is not sent.
 * Stripe reads `''` as "unset" and refuses it (`parameter_invalid_empty`) where a parameter cannot be
 * emptied, and none of the node's text fields can be emptied in the pinned version, so blank means
 * "not given". Everything else stays strict: an amount, ID, option or date that resolves to nothing
 * is an error, and so is a blank list filter (dropping it would list more than asked).
 */
function isBlankFreeText(param: Param): boolean {
	return (
		param.optional === true &&
		param.to?.in === 'body' &&
		(param.value.kind === 'text' || param.value.kind === 'url')
	);
}

function emptyProblem(param: Param, value: unknown, fromExpression: boolean): string {
	const gave = fromExpression ? `its expression gave ${describeValue(value)}` : 'it is empty';
	if (!param.optional) return 'is required. Fill it in.';
	return `is added but ${gave}. Give it a value, or remove the field to leave it to Stripe's default.`;
}

/** The unit and currency amounts are entered in, once both are checked. */
function moneyOf(
	money: MoneyFields | undefined,
	values: Map<string, unknown>,
): { unit: AmountUnit; currency?: string } {
	if (!money) return { unit: 'minor' };
	return {
		unit: values.get(money.unitParameter) as AmountUnit,
		currency: values.get(money.currencyParameter) as string | undefined,
	};
}

/** What the writer needs to know about an operation. */
export interface RequestRecipe {
	method: StripeRequest['method'];
	/** Path template; `{name}` placeholders are filled by `path` params. */
	path: string;
	params: readonly Param[];
	steps: readonly RequestStep[];
	money?: MoneyFields;
}

/** Parameters in the order they are checked: the unit and currency before any amount. */
function checkingOrder(recipe: RequestRecipe): readonly Param[] {
	const { money } = recipe;
	if (!money) return recipe.params;
	const first = new Set([money.unitParameter, money.currencyParameter]);
	return [
		...recipe.params.filter((param) => first.has(param.parameter)),
		...recipe.params.filter((param) => !first.has(param.parameter)),
	];
}

/**
 * Reads every parameter of the operation once, checks it, and writes the request in the order the
 * fields are shown. Throws the first StripeInputError (the item's request is then never sent).
 */
export function writeStripeRequest(reader: ParameterReader, recipe: RequestRecipe): RequestDraft {
	const draft: RequestDraft = {
		request: { method: recipe.method, path: recipe.path, query: {}, body: {} },
		settings: {},
		values: new Map(),
	};
	const outgoing = new Map<Param, unknown>();
	for (const param of checkingOrder(recipe)) {
		if (!isActive(param, draft.values)) continue;
		const { set, value, fromExpression } = reader.read(param.parameter);
		if (!set) {
			if (param.optional) continue;
			throw new StripeInputError(param.field, 'is required. Fill it in.');
		}
		if (isEmpty(value)) {
			if (isBlankFreeText(param)) continue;
			// An options field names its allowed values even when it was left empty.
			if (param.value.kind === 'option' || param.value.kind === 'options') {
				checkValue(param.value, value, param.field);
			}
			throw new StripeInputError(param.field, emptyProblem(param, value, fromExpression));
		}
		const checked = checkValue(
			param.value,
			value,
			param.field,
			moneyOf(recipe.money, draft.values),
		);
		draft.values.set(param.parameter, checked);
		if (param.to) outgoing.set(param, param.shape ? param.shape(checked) : checked);
	}
	for (const param of recipe.params) {
		if (param.to && outgoing.has(param)) write(draft, param.to, outgoing.get(param));
	}
	refuseAccountAndContext(recipe.params, draft.request);
	for (const step of recipe.steps) step(reader, draft);
	return draft;
}

/** Stripe acts either as a connected account or in a context: the two headers never go together. */
function refuseAccountAndContext(params: readonly Param[], request: StripeRequest): void {
	if (request.stripeAccount === undefined || request.stripeContext === undefined) return;
	const fieldOf = (where: 'stripeAccount' | 'stripeContext') =>
		params.find((param) => param.to?.in === where)?.field ?? where;
	throw new StripeInputError(
		`${fieldOf('stripeAccount')} and ${fieldOf('stripeContext')}`,
		'are both set, but Stripe acts either as a connected account (Stripe-Account) or in a context (Stripe-Context). Keep one of them.',
	);
}
