import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { callSandbox, useMarketplace } from '../helpers';

const NOW = 1_750_000_000;

describe('payment intent search', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: NOW }, (started) => ({ sandbox, stripe, seller } = started));

	it('searches payment intents by metadata, status and created with next_page paging', async () => {
		for (let index = 0; index < 5; index++) {
			sandbox.state.createPaymentIntent({
				amount: 1_000 + index,
				currency: 'usd',
				created: NOW - 1000 + index,
				metadata: { tip_recipient: index % 2 ? seller.id : 'acct_other' },
			});
		}
		sandbox.state.createPaymentIntent({
			amount: 9,
			currency: 'usd',
			status: 'canceled',
			metadata: { tip_recipient: seller.id },
		});
		const query = `status:'succeeded' AND metadata['tip_recipient']:'${seller.id}' AND created>=${NOW - 1000}`;
		const first = await stripe.paymentIntents.search({ query, limit: 1 });
		expect(first).toMatchObject({ object: 'search_result', has_more: true, total_count: 2 });
		expect(first.data.map((intent) => intent.amount)).toEqual([1_003]);
		const second = await stripe.paymentIntents.search({
			query,
			limit: 1,
			page: first.next_page as string,
		});
		expect(second.data.map((intent) => intent.amount)).toEqual([1_001]);
		expect(second).toMatchObject({ has_more: false, next_page: null });
		const all: number[] = [];
		for await (const intent of stripe.paymentIntents.search({
			query: 'amount>1001 OR amount<10',
			limit: 2,
		}))
			all.push(intent.amount);
		expect(all).toEqual([9, 1_004, 1_003, 1_002]);
		const negated = await stripe.paymentIntents.search({ query: `-status:'succeeded'` });
		expect(negated.data.map((intent) => intent.status)).toEqual(['canceled']);
	});

	it('explains unsupported search fields and mixed AND/OR', async () => {
		const unsupported = await callSandbox(
			sandbox,
			'GET',
			`/v1/payment_intents/search?query=${encodeURIComponent("email:'x'")}`,
		);
		expect(unsupported.status).toBe(400);
		expect(unsupported.body.error.message).toContain('unsupported search field');
		const mixed = await callSandbox(
			sandbox,
			'GET',
			`/v1/payment_intents/search?query=${encodeURIComponent("amount>1 AND amount<5 OR status:'x'")}`,
		);
		expect(mixed.body.error.param).toBe('query');
	});
});
