import { describe, expect, it } from 'vitest';

import {
	appendStripeQuery,
	encodeStripeForm,
	toStripeWireRequest,
} from '../../../../nodes/shared/formEncoding';

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

describe('toStripeWireRequest', () => {
	it('turns a POST body into a form string with its content type', () => {
		const wire = toStripeWireRequest({
			method: 'POST',
			url: '/v1/transfers',
			headers: { Accept: 'application/json' },
			body: { amount: 5, metadata: { a: 'b' } },
		});
		expect(wire.body).toBe('amount=5&metadata[a]=b');
		expect(wire.headers).toEqual({
			Accept: 'application/json',
			'Content-Type': 'application/x-www-form-urlencoded',
		});
	});

	it('sends no body with GET and DELETE', () => {
		expect(
			toStripeWireRequest({ method: 'GET', url: '/v1/balance', body: {} }).body,
		).toBeUndefined();
		expect(
			toStripeWireRequest({ method: 'DELETE', url: '/v1/accounts/acct_1', body: {} }),
		).not.toHaveProperty('body');
	});
});
