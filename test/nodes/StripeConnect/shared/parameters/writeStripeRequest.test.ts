import { describe, expect, it } from 'vitest';

import {
	writeStripeRequest,
	type RequestRecipe,
} from '../../../../../nodes/StripeConnect/shared/parameters';
import { readerFor } from '../../support/fakeParameters';

const money: RequestRecipe = {
	method: 'POST',
	path: '/v1/transfers',
	money: { unitParameter: 'amountUnit', currencyParameter: 'currency' },
	steps: [],
	params: [
		{
			parameter: 'amount',
			field: 'Amount',
			value: { kind: 'amount' },
			to: { in: 'body', name: 'amount' },
		},
		{
			parameter: 'currency',
			field: 'Currency',
			value: { kind: 'currency' },
			to: { in: 'body', name: 'currency' },
		},
		{
			parameter: 'amountUnit',
			field: 'Amount Unit',
			value: {
				kind: 'option',
				options: [
					{ name: 'Smallest Unit', value: 'minor' },
					{ name: 'Major Unit', value: 'major' },
				],
			},
		},
		{
			parameter: 'additionalFields.transferAmount',
			field: 'Additional Fields → Transfer Amount',
			value: { kind: 'amount' },
			to: { in: 'body', name: 'transfer_data.amount' },
			optional: true,
		},
	],
};

describe('writeStripeRequest', () => {
	it('checks the unit and currency before any amount, and writes in the order of the fields', () => {
		const draft = writeStripeRequest(
			readerFor(
				{
					amount: '={{ $json.amount }}',
					currency: 'kwd',
					amountUnit: 'major',
					additionalFields: { transferAmount: 1.5 },
				},
				{ amount: '12.345' },
			),
			money,
		);
		expect(Object.keys(draft.request.body)).toEqual(['amount', 'currency', 'transfer_data']);
		expect(draft.request.body).toEqual({
			amount: 12345,
			currency: 'kwd',
			transfer_data: { amount: 1500 },
		});
	});

	it('reads a value typed in the form without resolving it, and an expression once', () => {
		let resolved = 0;
		const reader = readerFor({ amount: 5, currency: '={{ $json.c }}', amountUnit: 'minor' });
		const original = reader.read.bind(reader);
		reader.read = (path: string) => {
			const read = original(path);
			if (read.fromExpression) resolved += 1;
			return read;
		};
		expect(() => writeStripeRequest(reader, money)).toThrow('no value for the expression');
		expect(resolved).toBe(0);
	});

	it('leaves out a member of a collection the user did not add', () => {
		const draft = writeStripeRequest(
			readerFor({ amount: 5, currency: 'usd', amountUnit: 'minor', additionalFields: {} }),
			money,
		);
		expect(draft.request.body).toEqual({ amount: 5, currency: 'usd' });
	});

	it('sends nothing for a blank optional text field of the body, typed or from an expression', () => {
		const recipe: RequestRecipe = {
			method: 'POST',
			path: '/v1/transfers/{transferId}',
			steps: [],
			params: [
				{
					parameter: 'transferId',
					field: 'Transfer ID',
					value: { kind: 'id', prefixes: ['tr_'] },
					to: { in: 'path', name: 'transferId' },
				},
				{
					parameter: 'updateFields.description',
					field: 'Update Fields → Description',
					value: { kind: 'text' },
					to: { in: 'body', name: 'description' },
					optional: true,
				},
			],
		};
		const typed = writeStripeRequest(
			readerFor({ transferId: ' tr_1 ', updateFields: { description: '' } }),
			recipe,
		);
		expect(typed.request).toEqual({
			method: 'POST',
			path: '/v1/transfers/tr_1',
			query: {},
			body: {},
		});
		for (const blank of [undefined, null, '', '  ']) {
			const resolved = writeStripeRequest(
				readerFor(
					{ transferId: 'tr_1', updateFields: { description: '={{ $json.note }}' } },
					{ 'updateFields.description': blank },
				),
				recipe,
			);
			expect(resolved.request.body).toEqual({});
		}
	});

	it('refuses a blank text filter of the query (dropping it would list more than asked)', () => {
		const recipe: RequestRecipe = {
			method: 'GET',
			path: '/v1/transfers',
			steps: [],
			params: [
				{
					parameter: 'filters.transferGroup',
					field: 'Filters → Transfer Group',
					value: { kind: 'text' },
					to: { in: 'query', name: 'transfer_group' },
					optional: true,
				},
			],
		};
		expect(() =>
			writeStripeRequest(
				readerFor(
					{ filters: { transferGroup: '={{ $json.group }}' } },
					{ 'filters.transferGroup': '' },
				),
				recipe,
			),
		).toThrow('Filters → Transfer Group: is added but its expression gave ""');
	});

	it('sends a field only while the field it depends on has the value that shows it', () => {
		const recipe: RequestRecipe = {
			method: 'POST',
			path: '/v1/refunds',
			steps: [],
			params: [
				{
					parameter: 'refundOf',
					field: 'Refund Of',
					value: {
						kind: 'option',
						options: [
							{ name: 'Payment Intent', value: 'paymentIntent' },
							{ name: 'Charge', value: 'charge' },
						],
					},
				},
				{
					parameter: 'charge',
					field: 'Charge ID',
					value: { kind: 'id', prefixes: ['ch_'] },
					to: { in: 'body', name: 'charge' },
					when: { refundOf: ['charge'] },
				},
			],
		};
		expect(
			writeStripeRequest(readerFor({ refundOf: 'paymentIntent' }), recipe).request.body,
		).toEqual({});
		expect(() => writeStripeRequest(readerFor({ refundOf: 'charge' }), recipe)).toThrow(
			'Charge ID: is required. Fill it in.',
		);
	});

	it('gives settings to the request hook and headers to the transport, never to the body', () => {
		const recipe: RequestRecipe = {
			method: 'GET',
			path: '/v1/balance',
			steps: [],
			params: [
				{
					parameter: 'options.connectedAccount',
					field: 'Options → Connected Account',
					value: { kind: 'id', prefixes: ['acct_'] },
					to: { in: 'stripeAccount' },
					optional: true,
				},
				{
					parameter: 'options.maxRetries',
					field: 'Options → Max Retries',
					value: { kind: 'integer', min: 0, max: 10 },
					to: { in: 'setting', name: 'maxRetries' },
					optional: true,
				},
			],
		};
		const draft = writeStripeRequest(
			readerFor({ options: { connectedAccount: 'acct_9', maxRetries: 4 } }),
			recipe,
		);
		expect(draft.request).toEqual({
			method: 'GET',
			path: '/v1/balance',
			query: {},
			body: {},
			stripeAccount: 'acct_9',
		});
		expect(draft.settings).toEqual({ maxRetries: 4 });
	});
});
