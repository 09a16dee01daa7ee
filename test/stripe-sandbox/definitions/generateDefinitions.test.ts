import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { documentsFractions } from '../../../stripe-sandbox/definitions/describeTypes';
import { generateDefinitions } from '../../../stripe-sandbox/definitions/generateDefinitions';
import { serializeDefinitions } from '../../../stripe-sandbox/definitions/serializeDefinitions';
import { stripeEsmDirectory } from '../../../stripe-sandbox/definitions/stripeSdkSource';
import {
	DEFINITIONS_FILE,
	objectDefinition,
	resolveDefinition,
	stripeDefinitions,
} from '../../../stripe-sandbox/definitions/loadDefinitions';
import type { Definition, EndpointDefinition } from '../../../stripe-sandbox/definitions/types';

function endpoint(key: string): EndpointDefinition {
	const found = stripeDefinitions().endpoints.find(
		(candidate) => `${candidate.method} ${candidate.path}` === key,
	);
	if (!found) throw new Error(`no endpoint ${key}`);
	return found;
}

/** The definition at a parameter path, following refs: `field(ep, 'settings', 'payouts')`. */
function field(definition: Definition, ...path: string[]): Definition {
	let current = resolveDefinition(definition);
	for (const key of path) {
		if (current.type !== 'object') throw new Error(`${key}: not an object`);
		current = resolveDefinition(current.properties[key]);
	}
	return current;
}

describe('the committed definitions', () => {
	it('are exactly what the installed stripe SDK generates (run `npm run sandbox:definitions` after an upgrade)', () => {
		const generated = serializeDefinitions(generateDefinitions());
		expect(generated === readFileSync(DEFINITIONS_FILE, 'utf8')).toBe(true);
	}, 240_000);

	it('describe the version and SDK they come from', () => {
		const installed = JSON.parse(
			readFileSync(join(stripeEsmDirectory(), '..', 'package.json'), 'utf8'),
		) as { version: string };
		expect(installed.version).toBe('23.1.0');
		expect(stripeDefinitions()).toMatchObject({
			apiVersion: '2026-10-28.endive',
			sdkVersion: installed.version,
		});
	});

	it('hold every endpoint of v1 and v2, each with the SDK method that calls it', () => {
		const { endpoints } = stripeDefinitions();
		expect(endpoints.length).toBeGreaterThan(600);
		expect(
			endpoints.filter((candidate) => candidate.path.startsWith('/v2/')).length,
		).toBeGreaterThan(50);
		expect(endpoint('POST /v1/transfers/{id}/reversals')).toMatchObject({
			sdkMethod: 'transfers.createReversal',
			encoding: 'form',
		});
		expect(endpoint('GET /v1/events')).toMatchObject({
			sdkMethod: 'events.list',
			encoding: 'query',
		});
		expect(endpoint('POST /v2/core/accounts')).toMatchObject({
			sdkMethod: 'v2.core.accounts.create',
			encoding: 'json',
		});
		expect(endpoint('GET /v2/core/accounts/{id}')).toMatchObject({ encoding: 'query' });
		expect(
			new Set(endpoints.map((candidate) => `${candidate.method} ${candidate.path}`)).size,
		).toBe(endpoints.length);
	});

	it('say which parameters an endpoint takes, down to none', () => {
		expect(endpoint('DELETE /v1/accounts/{id}').params).toEqual({ type: 'object', properties: {} });
		expect(Object.keys(endpoint('POST /v1/transfers/{id}').params.properties).sort()).toEqual([
			'description',
			'expand',
			'metadata',
		]);
	});

	it('express types, required parameters and string-literal enums', () => {
		const create = endpoint('POST /v1/transfers').params;
		expect(create.required).toEqual(['currency', 'destination']);
		expect(field(create, 'amount')).toEqual({ type: 'number', integer: true });
		expect(field(create, 'description')).toEqual({ type: 'string' });
		expect(field(create, 'expand')).toEqual({ type: 'array', items: { type: 'string' } });
		expect(field(endpoint('POST /v1/accounts/{id}/reject').params, 'reason')).toEqual({
			type: 'string',
			enum: [
				'credit',
				'fraud_no_intent_to_fulfill',
				'fraud_other',
				'fraud_payment_method_casher',
				'fraud_payment_method_tester',
				'other',
				'terms_of_service',
			],
		});
		expect(field(endpoint('POST /v1/webhook_endpoints').params, 'connect')).toEqual({
			type: 'boolean',
		});
	});

	it("mark what can be unset ('' in a form): Stripe.Emptyable<…> and nullable types", () => {
		const update = endpoint('POST /v1/payment_intents/{id}').params;
		expect(field(update, 'receipt_email').nullable).toBe(true);
		expect(field(update, 'description').nullable).toBeUndefined();
		expect(field(endpoint('POST /v1/transfers/{id}').params, 'metadata')).toMatchObject({
			type: 'object',
			nullable: true,
			additional: { nullable: true },
		});
		expect(field(endpoint('POST /v1/transfers').params, 'metadata').nullable).toBeUndefined();
	});

	it('nest objects, arrays and unions as the SDK declares them', () => {
		const schedule = field(
			endpoint('POST /v1/accounts/{id}').params,
			'settings',
			'payouts',
			'schedule',
		);
		expect(schedule).toMatchObject({
			type: 'object',
			properties: {
				delay_days: {
					type: 'anyOf',
					anyOf: [
						{ type: 'string', enum: ['minimum'] },
						{ type: 'number', integer: true },
					],
				},
				weekly_payout_days: { type: 'array', items: { type: 'string' } },
			},
		});
		expect(field(endpoint('GET /v1/transfers').params, 'created').type).toBe('anyOf');
	});

	it("correct the SDK where its types contradict the API: v2 events' created range is RFC 3339", () => {
		// stripe 23.1.0 types it with v1's RangeQueryParam (unix seconds); v1 keeps that type.
		expect(field(endpoint('GET /v2/core/events').params, 'created')).toEqual({
			type: 'object',
			properties: {
				gt: { type: 'string' },
				gte: { type: 'string' },
				lt: { type: 'string' },
				lte: { type: 'string' },
			},
		});
		expect(field(endpoint('GET /v1/events').params, 'created')).toMatchObject({
			anyOf: [{ type: 'number', integer: true }, { ref: 'shared:RangeQueryParam' }],
		});
	});

	it('let optional fields of v2 objects be null, as Stripe sends them; required ones, v1 objects and parameters stay as typed', () => {
		const account = objectDefinition('v2.core.account');
		expect(account.properties.configuration).toMatchObject({ nullable: true });
		expect(account.properties.contact_phone).toEqual({ type: 'string', nullable: true });
		expect(account.properties.created).toEqual({ type: 'string' });
		expect(objectDefinition('v2.core.account', 'configuration').properties.merchant).toMatchObject({
			nullable: true,
		});
		expect(objectDefinition('transfer').properties.description).toEqual({
			type: 'string',
			nullable: true,
		});
		expect(objectDefinition('payout').properties.livemode).toEqual({ type: 'boolean' });
		expect(field(endpoint('POST /v2/core/accounts').params, 'contact_phone')).toEqual({
			type: 'string',
		});
	});

	it("describe v2.core.event by the API's Event union, not the SDK's parsed EventNotification", () => {
		const event = resolveDefinition(stripeDefinitions().objects['v2.core.event']);
		expect(event.type).toBe('anyOf');
		const refs = (event as { anyOf: Array<{ ref: string }> }).anyOf.map((option) => option.ref);
		expect(refs).toContain('V2/Core/Events:V2CoreAccountLinkReturnedEvent');
		expect(refs.some((ref) => ref.endsWith('Notification'))).toBe(false);
		const returned = resolveDefinition({
			type: 'ref',
			ref: 'V2/Core/Events:V2CoreAccountLinkReturnedEvent',
		});
		expect(returned.type === 'object' && returned.properties.context).toEqual({
			type: 'string',
			nullable: true,
		});
		expect(returned.type === 'object' && 'related_object' in returned.properties).toBe(false);
	});

	it('mark the parameters the SDK documents as deprecated', () => {
		expect(field(endpoint('POST /v1/accounts').params, 'type').deprecated).toBe(true);
		expect(field(endpoint('POST /v1/account_links').params, 'collect').deprecated).toBe(true);
		expect(field(endpoint('POST /v1/accounts').params, 'controller').deprecated).toBeUndefined();
	});

	it('describe response objects by their object value, deletions included', () => {
		expect(Object.keys(objectDefinition('transfer').properties)).toContain('amount_reversed');
		expect(objectDefinition('deleted_account').required).toEqual(['id', 'object', 'deleted']);
		expect(Object.keys(objectDefinition('dispute', 'evidence').properties)).toContain(
			'product_description',
		);
		expect(stripeDefinitions().objects['v2.core.account']).toBeDefined();
	});
});

describe('documentsFractions', () => {
	it('reads fractions from the documentation of a number, never from its links', () => {
		expect(
			documentsFractions(
				'A non-negative decimal between 0 and 100, with at most two decimal places.',
			),
		).toBe(true);
		expect(
			documentsFractions("The percent owned by the person of the account's legal entity."),
		).toBe(true);
		expect(documentsFractions('Width, in inches. Maximum precision is 2 decimal places.')).toBe(
			true,
		);
		expect(
			documentsFractions(
				'A positive integer representing how much to charge in the [smallest currency unit](https://docs.stripe.com/currencies#zero-decimal).',
			),
		).toBe(false);
		expect(
			documentsFractions('Non-negative integer. Use `quantity_decimal` for decimal precision.'),
		).toBe(false);
		expect(
			documentsFractions('The number of days charge funds are held before being paid out.'),
		).toBe(false);
	});
});
