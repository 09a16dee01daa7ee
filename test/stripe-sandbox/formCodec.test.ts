import { describe, expect, it } from 'vitest';
import { decodeStripeForm, startSandbox } from '../../stripe-sandbox';
import { callSandbox, startMarketplace } from './helpers';

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

	// The sandbox stands in for Stripe, so it must not share code with the node it tests: this decoder
	// is checked against what the official stripe SDK encodes (its own form encoder), an
	// independent implementation, rather than against an encoder of the sandbox's own.
	it('decodes what the official stripe SDK encodes, in bodies and query strings', async () => {
		const { sandbox, stripe, seller } = await startMarketplace({});
		try {
			await stripe.paymentIntents.create({
				amount: 500,
				currency: 'usd',
				description: 'Tip & thanks = 100%',
				metadata: { order: 'o 1', 'note & more': 'ü+€', cleared: '' },
				transfer_data: { destination: seller.id },
				expand: ['latest_charge', 'customer'],
			});
			await stripe.paymentIntents.list({
				created: { gte: 100, lte: 200 },
				limit: 3,
				expand: ['data.latest_charge'],
			});
			const [create, list] = sandbox.requests({ path: '/v1/payment_intents' });
			expect(create.body).toEqual({
				amount: '500',
				currency: 'usd',
				description: 'Tip & thanks = 100%',
				metadata: { order: 'o 1', 'note & more': 'ü+€', cleared: '' },
				transfer_data: { destination: seller.id },
				expand: ['latest_charge', 'customer'],
			});
			expect(list.query).toEqual({
				created: { gte: '100', lte: '200' },
				limit: '3',
				expand: ['data.latest_charge'],
			});
		} finally {
			await sandbox.close();
		}
	});
});
