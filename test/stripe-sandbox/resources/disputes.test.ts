import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { useMarketplace } from '../helpers';

const NOW = 1_750_000_000;

describe('disputes', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: NOW }, (started) => ({ sandbox, stripe, seller } = started));

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
			evidence_details: { submission_count: 0, submission_method: 'not_submitted' },
			intended_submission_method: null,
		});
		expect(dispute.balance_transactions[0]).toMatchObject({ amount: -3_000, fee: 1_500 });
		const saved = await stripe.disputes.update(dispute.id, {
			evidence: { uncategorized_text: 'Delivered' },
			intended_submission_method: 'manual',
			submit: false,
		});
		expect(saved).toMatchObject({
			status: 'needs_response',
			evidence: { uncategorized_text: 'Delivered' },
			evidence_details: { submission_method: 'not_submitted' },
			intended_submission_method: 'manual',
		});
		const submitted = await stripe.disputes.update(dispute.id, {
			evidence: { product_description: 'A lamp' },
		});
		expect(submitted).toMatchObject({
			status: 'under_review',
			evidence_details: { submission_count: 1, has_evidence: true, submission_method: 'manual' },
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

describe('dispute appeals and evidence stages', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace({ now: 1_750_000_000 }, (started) => ({ sandbox, stripe, seller } = started));

	function openDispute(): Stripe.Dispute {
		const intent = sandbox.state.createPaymentIntent({
			amount: 4_000,
			currency: 'usd',
			transfer_data: { destination: seller.id },
		});
		return sandbox.state.createDispute({ payment_intent: intent.id });
	}

	it('appeals a lost dispute: appeal evidence only in appeal_needs_response, submitted to appeal_under_review', async () => {
		const dispute = openDispute();
		await expect(
			stripe.disputes.update(dispute.id, {
				evidence: { appeal: { card: { reason_for_filing: 'early' } } },
			}),
		).rejects.toMatchObject({ statusCode: 400, param: 'evidence[appeal]' });

		sandbox.state.closeDispute(dispute.id, 'lost');
		const appealed = sandbox.state.openDisputeAppeal(dispute.id);
		expect(appealed.status).toBe('appeal_needs_response');
		expect(appealed.evidence_details.due_by).toBe(sandbox.now() + 21 * 86400);

		const submitted = await stripe.disputes.update(dispute.id, {
			evidence: {
				appeal: { card: { reason_for_filing: 'Delivered', supporting_files: ['file_1'] } },
			},
		});
		expect(submitted.status).toBe('appeal_under_review');
		expect(submitted.evidence.appeal).toEqual({
			card: { reason_for_filing: 'Delivered', supporting_files: ['file_1'] },
		});
		const listed = await stripe.disputes.list({ limit: 10 });
		expect(listed.data.map((item) => item.status)).toEqual(['appeal_under_review']);
		await expect(
			stripe.disputes.update(dispute.id, { metadata: { a: '1' } }),
		).rejects.toMatchObject({ statusCode: 400 });
	});

	it('appeals only a dispute under review or lost', () => {
		const dispute = openDispute();
		expect(() => sandbox.state.openDisputeAppeal(dispute.id)).toThrow(
			'only a dispute under review or lost can be appealed',
		);
	});
});
