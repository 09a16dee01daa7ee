import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { isV2Path } from '../../shared/transport/formEncoding';
import { takesIdempotencyKey, type IdempotencyChoice } from '../../shared/transport/idempotency';
import { stripeRoutingHook, type BuiltRequest } from '../../shared/transport/routingHook';
import type { StripeRequest } from '../../shared/transport/request';
import { STRIPE_PARAM_FIELDS } from '../../shared/transport/stripeErrors';
import { StripeInputError } from '../../shared/validation';
import { displayedWhere, showOf } from './displayRectangles';
import { listFields, type Field, type Show } from './fields';
import { optionsCollection } from './optionsCollection';
import { AMOUNT_UNIT_MONEY } from './money';
import { ParameterReader } from './parameterReader';
import { writeStripeRequest, type Param, type RequestRecipe, type RequestStep } from './parameters';

/** What an operation does, stated at the start of its description for people and AI agents. */
export type OperationEffect = 'reads' | 'changes' | 'movesMoney';

const EFFECT_LABEL: Record<OperationEffect, string> = {
	reads: 'Read-only.',
	changes: 'Changes data in Stripe, moves no money.',
	movesMoney: 'MOVES MONEY.',
};

/** One operation: its Stripe endpoint and its fields (each with the one way it reaches Stripe). */
export interface StripeOperationSpec {
	name: string;
	value: string;
	action: string;
	description: string;
	effect: OperationEffect;
	method: StripeRequest['method'];
	/** Path template; `{name}` is filled by the field sent `{ in: 'path', name }`, e.g. `/v1/payouts/{payoutId}`. */
	path: string;
	/** The operation's `showOnlyFor…` constant. */
	show: Show;
	/** The fields in the order the editor shows them (Options and list fields are added). */
	fields: Field[];
	/** A list or search: `true` pages through results (Return All / Limit); `'unpaged'` returns the one list Stripe answers. */
	list?: boolean | 'unpaged';
	/** Stripe allows acting as a connected account (Options → Connected Account). */
	connectedAccount?: boolean;
	/** `false` where the endpoint takes no `expand` (e.g. DELETE /v1/accounts/{id} takes no parameters). */
	expand?: false;
	/** Checks across several fields, run once every field is written (e.g. one of two filters). */
	steps?: RequestStep[];
	/** The operation has an Amount Unit that every amount field follows. */
	amountUnit?: boolean;
	/**
	 * A list filter Stripe's endpoint lacks, from the checked values (e.g. disputes by status): which
	 * listed objects become items. Undefined keeps every object.
	 */
	keepListed?: (
		values: ReadonlyMap<string, unknown>,
	) => ((object: IDataObject) => boolean) | undefined;
	/** Reshapes Stripe's answer into the item (e.g. only an account's payout settings). */
	output?: (body: IDataObject) => IDataObject;
}

/** An operation's selector option and its fields, ready for the node description. */
export interface StripeOperation {
	option: INodePropertyOptions;
	properties: INodeProperties[];
}

/** What an operation sends, for tests and documentation that check every operation alike. */
export interface OperationSummary {
	resource: string;
	operation: string;
	recipe: RequestRecipe;
	properties: INodeProperties[];
}

const builtOperations: OperationSummary[] = [];

/** Every operation built so far (all of them once the node class is loaded). */
export function builtStripeOperations(): readonly OperationSummary[] {
	return builtOperations;
}

function placeOnTop(item: Field, show: Show): INodeProperties {
	const property: INodeProperties = {
		...item.property,
		displayOptions: displayedWhere(item.property, { ...show, ...showOf(item.property) }),
	};
	// Every top-level text, number, date or multi-select field is sent, so it must be filled in.
	if (['string', 'number', 'dateTime', 'multiOptions'].includes(property.type)) {
		property.required = true;
	}
	return property;
}

const IDEMPOTENCY_FIELD = 'Options → Idempotency';
const IDEMPOTENCY_KEY_FIELD = 'Options → Idempotency Key';

/** The Idempotency choice of a POST: the two options must agree (see idempotencyFields). */
function idempotencyOf(settings: Partial<Record<string, unknown>>): IdempotencyChoice {
	const mode = settings.idempotency as IdempotencyChoice['mode'] | undefined;
	const key = settings.idempotencyKey as string | undefined;
	if (key !== undefined) {
		if (mode !== undefined && mode !== 'own') {
			throw new StripeInputError(
				`${IDEMPOTENCY_FIELD} and ${IDEMPOTENCY_KEY_FIELD}`,
				`disagree: a key is set, but Idempotency is "${mode}". Set Idempotency to "Own Key", or remove the Idempotency Key.`,
			);
		}
		return { mode: 'own', key };
	}
	if (mode === 'own') {
		throw new StripeInputError(
			IDEMPOTENCY_KEY_FIELD,
			'is required when Idempotency is "Own Key". Add it, e.g. ={{ "payout-" + $json.orderId }}.',
		);
	}
	return { mode: mode ?? 'rerunSafe' };
}

/**
 * The node field of each Stripe parameter an operation sends (`identity.country` → Country), so an
 * error naming a v2 field in dotted form says which field to fix. Stripe names path parameters in
 * snake case (`{accountId}` → `account_id`), and the object's own ID (the last one) `id`.
 */
function fieldsByStripeParam(path: string, params: readonly Param[]): Record<string, string> {
	const fields: Record<string, string> = { ...STRIPE_PARAM_FIELDS };
	const lastPathParam = [...path.matchAll(/\{(\w+)\}/g)].pop()?.[1];
	for (const param of params) {
		if (param.to?.in === 'body' || param.to?.in === 'query') fields[param.to.name] = param.field;
		if (param.to?.in === 'path') {
			fields[param.to.name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = param.field;
			if (param.to.name === lastPathParam) fields.id = param.field;
		}
	}
	return fields;
}

/**
 * Builds one operation: the Operation option (its routing is only the endpoint and the request hook)
 * and its fields with their display options. The request is written from the same fields by
 * writeStripeRequest, then sent by the transport (nodes/shared/transport).
 */
export function stripeOperation(spec: StripeOperationSpec): StripeOperation {
	// Return All and Limit come before the first collection (Filters), as in n8n's own list operations.
	const firstCollection = spec.fields.findIndex((item) => item.property.type === 'collection');
	const listAt = firstCollection === -1 ? spec.fields.length : firstCollection;
	const fields: Field[] = [
		...spec.fields.slice(0, listAt),
		...(spec.list === true ? listFields() : []),
		...spec.fields.slice(listAt),
		optionsCollection({
			connectedAccount: spec.connectedAccount,
			post: takesIdempotencyKey(spec),
			expand: spec.expand !== false && !isV2Path(spec.path),
			apiV2: isV2Path(spec.path),
		}),
	];
	const recipe: RequestRecipe = {
		method: spec.method,
		path: spec.path,
		params: fields.flatMap((item) => item.params),
		steps: [...fields.flatMap((item) => item.steps ?? []), ...(spec.steps ?? [])],
		...(spec.amountUnit ? { money: AMOUNT_UNIT_MONEY } : {}),
	};
	const hook = stripeRoutingHook({
		operation: `${String(spec.show.resource?.[0])}.${spec.value}`,
		build: (context): BuiltRequest => {
			const draft = writeStripeRequest(new ParameterReader(context), recipe);
			const { settings } = draft;
			return {
				request: draft.request,
				maxRetries: settings.maxRetries as number | undefined,
				rateLimitWaitMs:
					settings.rateLimitWait === undefined
						? undefined
						: (settings.rateLimitWait as number) * 1000,
				idempotency: idempotencyOf(settings),
				...(spec.list === true
					? {
							list: {
								returnAll: settings.returnAll === true,
								limit: (settings.limit as number | undefined) ?? 50,
								keep: spec.keepListed?.(draft.values),
							},
						}
					: {}),
			};
		},
		output: spec.output ?? (spec.list === 'unpaged' ? 'unpagedList' : 'object'),
		...(isV2Path(spec.path) ? { paramFields: fieldsByStripeParam(spec.path, recipe.params) } : {}),
	});
	const properties = fields.map((item) => placeOnTop(item, spec.show));
	builtOperations.push({
		resource: String(spec.show.resource?.[0]),
		operation: spec.value,
		recipe,
		properties,
	});
	return {
		option: {
			name: spec.name,
			value: spec.value,
			action: spec.action,
			description: `${EFFECT_LABEL[spec.effect]} ${spec.description}`,
			routing: {
				request: { method: spec.method, url: spec.path },
				send: { paginate: true },
				operations: { pagination: hook },
			},
		},
		properties,
	};
}
