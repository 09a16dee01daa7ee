import { describe, expect, it } from 'vitest';

import {
	appendStripeQuery,
	encodeStripeBody,
	encodeStripeForm,
} from '../../../../nodes/shared/transport/formEncoding';

describe('encodeStripeForm', () => {
	it('nests objects and indexes arrays with literal brackets', () => {
		expect(
			encodeStripeForm({
				amount: 1050,
				transfer_data: { destination: 'acct_1' },
				expand: ['data.source', 'data.destination'],
				items: [{ price: 'p_1', quantity: 2 }],
			}),
		).toBe(
			'amount=1050&transfer_data[destination]=acct_1&expand[0]=data.source&expand[1]=data.destination&items[0][price]=p_1&items[0][quantity]=2',
		);
	});

	it('sends null and empty strings as empty values (unset) and leaves undefined out', () => {
		expect(encodeStripeForm({ description: null, metadata: '', note: undefined, keep: 'x' })).toBe(
			'description=&metadata=&keep=x',
		);
		expect(encodeStripeForm({ metadata: { old: '', new: 'v' } })).toBe(
			'metadata[old]=&metadata[new]=v',
		);
	});

	it('percent-encodes keys and values, spaces as %20', () => {
		expect(encodeStripeForm({ description: 'Tip & thanks = 100%', metadata: { 'a b': 'ü' } })).toBe(
			'description=Tip%20%26%20thanks%20%3D%20100%25&metadata[a%20b]=%C3%BC',
		);
	});

	it('writes booleans as true and false', () => {
		expect(encodeStripeForm({ confirm: true, submit: false })).toBe('confirm=true&submit=false');
	});
});

describe('appendStripeQuery', () => {
	it('adds the encoded query and leaves empty filters out', () => {
		expect(
			appendStripeQuery('/v1/transfers', {
				destination: '',
				created: { gte: 5 },
				limit: 100,
				x: null,
			}),
		).toBe('/v1/transfers?created[gte]=5&limit=100');
		expect(appendStripeQuery('/v1/balance', {})).toBe('/v1/balance');
		expect(appendStripeQuery('/v1/events?a=1', { limit: 3 })).toBe('/v1/events?a=1&limit=3');
	});
});

describe('encodeStripeBody', () => {
	it('form-encodes a v1 body', () => {
		expect(encodeStripeBody('/v1/transfers', { amount: 5, metadata: { a: 'b' } })).toEqual({
			contentType: 'application/x-www-form-urlencoded',
			text: 'amount=5&metadata[a]=b',
		});
	});

	it('sends a v2 body as JSON, from the same object', () => {
		expect(
			encodeStripeBody('/v2/core/accounts', { display_name: 'Ada', include: ['identity'] }),
		).toEqual({
			contentType: 'application/json',
			text: '{"display_name":"Ada","include":["identity"]}',
		});
	});
});

describe('Stripe form encoding', () => {
	it('encodes arrays with indices, nested objects with brackets and escapes values', () => {
		expect(
			encodeStripeForm({
				url: 'https://n8n.example/webhook/a b',
				enabled_events: ['payout.paid', 'payout.failed'],
				connect: true,
				api_version: undefined,
				metadata: { source: 'connect', note: 'a&b=c' },
				description: null,
			}),
		).toBe(
			'url=https%3A%2F%2Fn8n.example%2Fwebhook%2Fa%20b&enabled_events[0]=payout.paid&enabled_events[1]=payout.failed&connect=true&metadata[source]=connect&metadata[note]=a%26b%3Dc&description=',
		);
	});
});
