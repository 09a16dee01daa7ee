import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startMarketplace } from '../helpers';

describe('dispute appeals and evidence stages', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	beforeEach(async () => {
		({ sandbox, stripe, seller } = await startMarketplace({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

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
