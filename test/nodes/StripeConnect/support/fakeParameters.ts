/**
 * A stand-in for the n8n item context the request writer reads from: `stored` is the node's
 * parameters as saved in the workflow (expressions start with "="), `resolved` what each expression
 * resolves to for the item, by parameter path.
 */
import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { ParameterReader } from '../../../../nodes/StripeConnect/shared/parameterReader';
import type { Param, ValueKind } from '../../../../nodes/StripeConnect/shared/parameters';

export function readerFor(
	stored: Record<string, unknown>,
	resolved: Record<string, unknown> = {},
): ParameterReader {
	const context = {
		getNode: () => ({ parameters: stored, type: 'n8n-nodes-stripe-connect.stripeConnect' }),
		getNodeParameter: (path: string) => {
			if (!(path in resolved))
				throw new Error(`the test gave no value for the expression at ${path}`);
			return resolved[path];
		},
	};
	// Expressions resolve to `resolved`, as n8n would resolve them, never from an item.
	return new ParameterReader(context as unknown as IExecuteSingleFunctions, false);
}

/** Writes `value` at the dotted `path` of `target`. */
export function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		node[key] ??= {};
		node = node[key] as Record<string, unknown>;
	}
	node[keys[keys.length - 1]] = value;
}

/** A value every check of `kind` accepts. */
export function validSample(kind: ValueKind): unknown {
	switch (kind.kind) {
		case 'text':
			return 'x';
		case 'id':
			return `${kind.prefixes[0] ?? ''}abc123`;
		case 'currency':
			return 'usd';
		case 'country':
			return 'US';
		case 'url':
			return 'https://example.com/done';
		case 'amount':
			return 100;
		case 'percent':
			return 1;
		case 'integer':
			return kind.min;
		case 'boolean':
			return true;
		case 'option':
			return kind.options[0].value;
		case 'options':
			return [kind.options[0].value];
		case 'timestamp':
			return '2026-01-01T00:00:00Z';
		case 'delayDays':
			return 'minimum';
		case 'eventTypes':
			return 'payout.paid';
		case 'list':
			return 'data.source';
		case 'idempotencyKey':
			return 'order-42';
		case 'stripeContext':
			return 'org_abc/acct_abc';
	}
}

/** Stored parameters that satisfy every required param of a recipe (collections left empty). */
export function validParameters(params: readonly Param[]): Record<string, unknown> {
	const stored: Record<string, unknown> = {};
	for (const param of params) {
		if (!param.optional) setAt(stored, param.parameter, validSample(param.value));
	}
	return stored;
}
