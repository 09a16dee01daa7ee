import type { INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	fieldForStripeParam,
	readStripeError,
	stripeApiError,
} from '../../../../nodes/shared/transport/stripeErrors';

const node: INode = {
	id: 'n1',
	name: 'Stripe Connect',
	type: 'n8n-nodes-stripe-connect.stripeConnect',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const cardError = {
	error: {
		type: 'card_error',
		code: 'card_declined',
		decline_code: 'insufficient_funds',
		message: 'Your card has insufficient funds.',
		param: 'payment_method',
		doc_url: 'https://stripe.com/docs/error-codes/card-declined',
	},
};

describe('readStripeError', () => {
	it("reads Stripe's error object and the Request-Id header", () => {
		expect(readStripeError(402, cardError, { 'request-id': 'req_1' })).toEqual({
			message: 'Your card has insufficient funds.',
			type: 'card_error',
			code: 'card_declined',
			decline_code: 'insufficient_funds',
			param: 'payment_method',
			doc_url: 'https://stripe.com/docs/error-codes/card-declined',
			request_id: 'req_1',
			status_code: 402,
		});
	});

	it('still gives a message for a body without an error object', () => {
		expect(readStripeError(502, '<html>bad gateway</html>', {}).message).toBe(
			'Stripe answered HTTP 502 without an error message',
		);
	});
});

describe('fieldForStripeParam', () => {
	it.each([
		['amount', 'Amount'],
		['transfer_data[destination]', 'Destination Account'],
		['transfer_data[amount]', 'Transfer Amount'],
		['metadata[order]', 'Metadata'],
		['unknown_thing', undefined],
		[undefined, undefined],
	])('%s → %s', (param, field) => {
		expect(fieldForStripeParam(param)).toBe(field);
	});
});

describe('stripeApiError', () => {
	it("carries Stripe's message, every detail and the field to fix", () => {
		const error = stripeApiError(
			node,
			readStripeError(
				400,
				{
					error: {
						type: 'invalid_request_error',
						code: 'amount_too_small',
						message: 'Amount must be at least 50 cents',
						param: 'amount',
					},
				},
				{ 'request-id': 'req_9' },
			),
			2,
		);

		expect(error.message).toBe('Amount must be at least 50 cents');
		expect(error.httpCode).toBe('400');
		expect(error.description).toBe(
			[
				'Type: invalid_request_error',
				'Code: amount_too_small',
				'Parameter: amount',
				'Fix: Check the "Amount" field (Stripe parameter "amount").',
				'Request ID: req_9',
			].join('\n'),
		);
		expect(error.context.itemIndex).toBe(2);
		expect(error.context.stripe).toMatchObject({
			code: 'amount_too_small',
			param: 'amount',
			request_id: 'req_9',
			field_to_fix: 'Amount',
		});
	});

	it('includes the decline code of card errors', () => {
		const error = stripeApiError(node, readStripeError(402, cardError, {}), 0);
		expect(error.description).toContain('Decline code: insufficient_funds');
		expect(error.description).toContain('Docs: https://stripe.com/docs/error-codes/card-declined');
	});
});
