import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startMarketplace } from '../helpers';

const NOW = 1_750_000_000;

describe('disputes', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	beforeEach(async () => {
		({ sandbox, stripe, seller } = await startMarketplace({ now: NOW }));
	});
	afterEach(() => sandbox.close());

	it('opens a dispute for pm_card_createDispute and takes evidence, submission and closing', async () => {
		const intent = await stripe.paymentIntents.create({
			amount: 3_000,
			currency: 'usd',
			payment_method: 'pm_card_createDispute',
			confirm: true,
			transfer_data: { destination: seller.id },
		});
		const [dispute] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
		expect(dispute).toMatchObject({
			amount: 3_000,
			status: 'needs_response',
			reason: 'fraudulent',
			charge: intent.latest_charge,
			evidence_details: { submission_count: 0 },
		});
		expect(dispute.balance_transactions[0]).toMatchObject({ amount: -3_000, fee: 1_500 });
		const saved = await stripe.disputes.update(dispute.id, {
			evidence: { uncategorized_text: 'Delivered' },
			submit: false,
		});
		expect(saved).toMatchObject({
			status: 'needs_response',
			evidence: { uncategorized_text: 'Delivered' },
		});
		const submitted = await stripe.disputes.update(dispute.id, {
			evidence: { product_description: 'A lamp' },
		});
		expect(submitted).toMatchObject({
			status: 'under_review',
			evidence_details: { submission_count: 1, has_evidence: true },
		});
		await expect(stripe.disputes.close(dispute.id)).resolves.toMatchObject({ status: 'lost' });
		const types = (await stripe.events.list({ type: 'charge.dispute.*' })).data.map(
			(event) => event.type,
		);
		expect(types).toEqual([
			'charge.dispute.closed',
			'charge.dispute.updated',
			'charge.dispute.updated',
			'charge.dispute.funds_withdrawn',
			'charge.dispute.created',
		]);
	});

	it('puts disputes of direct charges on the connected account', async () => {
		const intent = sandbox.state.createPaymentIntent({
			account: seller.id,
			amount: 2_000,
			currency: 'usd',
		});
		const dispute = sandbox.state.createDispute({
			payment_intent: intent.id,
			reason: 'product_not_received',
		});
		await expect(stripe.disputes.retrieve(dispute.id)).rejects.toMatchObject({ statusCode: 404 });
		const scoped = await stripe.disputes.retrieve(dispute.id, {}, { stripeAccount: seller.id });
		expect(scoped.reason).toBe('product_not_received');
		const won = sandbox.state.closeDispute(dispute.id, 'won');
		expect(won.status).toBe('won');
	});
});
