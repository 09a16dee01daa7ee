import { describe, expect, it } from 'vitest';
import { decodeStripeForm, encodeStripeForm, startSandbox } from '../../stripe-sandbox';
import { callSandbox } from './helpers';

describe('decodeStripeForm', () => {
	it('nests bracketed keys into objects', () => {
		expect(
			decodeStripeForm('transfer_data[destination]=acct_1&metadata[order]=o%201&amount=500'),
		).toEqual({
			transfer_data: { destination: 'acct_1' },
			metadata: { order: 'o 1' },
			amount: '500',
		});
	});

	it('turns indexed keys into arrays ordered by index', () => {
		expect(decodeStripeForm('items[1][price]=p2&items[0][price]=p1&items[0][quantity]=2')).toEqual({
			items: [{ price: 'p1', quantity: '2' }, { price: 'p2' }],
		});
	});

	it('appends repeated empty-bracket keys like expand[]', () => {
		expect(decodeStripeForm('expand[]=data.source&expand[]=data.payout')).toEqual({
			expand: ['data.source', 'data.payout'],
		});
	});

	it('keeps empty values as empty strings so they can unset fields', () => {
		expect(decodeStripeForm('metadata=&description=&metadata2[k]=')).toEqual({
			metadata: '',
			description: '',
			metadata2: { k: '' },
		});
	});

	it('decodes plus signs and percent escapes in keys and values', () => {
		expect(decodeStripeForm('created%5Bgte%5D=100&query=status%3A%27paid%27+AND+x')).toEqual({
			created: { gte: '100' },
			query: "status:'paid' AND x",
		});
	});

	it('decodes deeply nested mixtures of objects and arrays', () => {
		expect(decodeStripeForm('a[b][0][c][d]=1&a[b][0][e][]=x&a[b][1][c][d]=2')).toEqual({
			a: { b: [{ c: { d: '1' }, e: ['x'] }, { c: { d: '2' } }] },
		});
	});

	it('refuses malformed percent-encoding with a 400 instead of crashing', async () => {
		const sandbox = await startSandbox();
		try {
			const response = await callSandbox(sandbox, 'GET', '/v1/payouts?limit=%E0%A4%A');
			expect(response.status).toBe(400);
			expect(response.body.error.message).toContain('Invalid percent-encoding');
		} finally {
			await sandbox.close();
		}
	});

	it('returns an empty object for an empty string', () => {
		expect(decodeStripeForm('')).toEqual({});
	});

	it('round-trips what encodeStripeForm produces', () => {
		const value = {
			amount: 5,
			metadata: { a: 'b c' },
			expand: ['x', 'y'],
			transfer_data: { destination: 'acct_1' },
		};
		expect(decodeStripeForm(encodeStripeForm(value))).toEqual({
			amount: '5',
			metadata: { a: 'b c' },
			expand: ['x', 'y'],
			transfer_data: { destination: 'acct_1' },
		});
	});
});
