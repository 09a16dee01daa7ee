import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import Stripe from 'stripe';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { TESTED_STRIPE_API_VERSION } from '../../../../nodes/shared/stripeApi';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import type { Param } from '../../../../nodes/StripeConnect/shared/parameters';
import {
	resolveDefinition,
	stripeDefinitions,
} from '../../../../stripe-sandbox/definitions/loadDefinitions';
import type { Definition } from '../../../../stripe-sandbox/definitions/types';
import { VALIDATED_API_VERSION, VALIDATED_SDK_VERSION } from '../../../../stripe-sandbox';

/*
 * Every parameter the node can put in a body or query, checked statically against the pinned
 * version's definitions (generated from the stripe 23.1.0 types): the endpoint takes it, Stripe has
 * not deprecated it, and every option the node offers is one of Stripe's values.
 */

// Loading the node class builds every operation.
new StripeConnect();

const template = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

/** The definition at a dotted Stripe name (`settings.payouts.schedule.interval`), if any. */
function definitionAt(root: Definition, name: string): Definition | undefined {
	let current: Definition | undefined = root;
	for (const key of name.split('.')) {
		current = current && resolveDefinition(current);
		if (current?.type === 'anyOf') {
			current = current.anyOf.map(resolveDefinition).find((option) => option.type === 'object');
		}
		if (current?.type !== 'object') return undefined;
		current = current.properties[key] ?? current.additional;
	}
	return current && resolveDefinition(current);
}

/** The string values a definition allows, or undefined when any string goes. */
function allowedValues(definition: Definition): string[] | undefined {
	const resolved = resolveDefinition(definition);
	if (resolved.type === 'string') return resolved.enum;
	if (resolved.type === 'array') return allowedValues(resolved.items);
	if (resolved.type === 'boolean') return ['true', 'false'];
	return undefined;
}

const sent = builtStripeOperations().flatMap((summary) => {
	const endpoint = stripeDefinitions().endpoints.find(
		(candidate) =>
			candidate.method === summary.recipe.method &&
			template(candidate.path) === template(summary.recipe.path),
	);
	return summary.recipe.params
		.filter((param) => param.to?.in === 'body' || param.to?.in === 'query')
		.map((param) => ({
			name: `${summary.resource}.${summary.operation} → ${(param.to as { name: string }).name}`,
			param,
			definition: endpoint
				? definitionAt(endpoint.params, (param.to as { name: string }).name)
				: undefined,
		}));
});

function offered(param: Param): string[] {
	const { value } = param;
	if (value.kind !== 'option' && value.kind !== 'options') return [];
	return value.options.map((option) => String(option.value));
}

describe('the node, the validator and the SDK speak one API version', () => {
	it('the validator reports the version and SDK it was built from, the ones the node pins', () => {
		expect(VALIDATED_API_VERSION).toBe(TESTED_STRIPE_API_VERSION);
		expect(new Stripe('sk_test_version').getApiField('version')).toBe(VALIDATED_API_VERSION);
		const installed = JSON.parse(
			readFileSync(join(__dirname, '../../../../node_modules/stripe/package.json'), 'utf8'),
		) as { version: string };
		expect(VALIDATED_SDK_VERSION).toBe(installed.version);
	});
});

describe("every parameter the node can send is one the pinned version's endpoint takes", () => {
	it('covers the parameters of every operation', () => {
		expect(sent.length).toBeGreaterThan(150);
	});

	it.each(sent)('$name', ({ param, definition }) => {
		expect(definition, 'not a parameter of the endpoint').toBeDefined();
		expect(definition?.deprecated, 'deprecated by Stripe').toBeUndefined();
		const allowed = definition && allowedValues(definition);
		if (allowed && param.shape === undefined) {
			expect(offered(param).filter((value) => !allowed.includes(value))).toEqual([]);
		}
	});
});
