import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';

const NOW = 1_750_000_000;

describe('scenario builders', () => {
	let sandbox: StripeSandbox;
	let seller: Stripe.Account;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: NOW });
		seller = sandbox.state.createConnectedAccount({ country: 'US' });
	});
	afterEach(() => sandbox.close());

	it('scenario builder makes refunds that reverse transfers', () => {
		const intent = sandbox.state.createPaymentIntent({
			amount: 5_000,
			currency: 'usd',
			transfer_data: { destination: seller.id },
			metadata: { tip_amount: '500', tip_recipient: seller.id },
		});
		const refund = sandbox.state.createRefund({
			payment_intent: intent.id,
			amount: 5_000,
			reverse_transfer: true,
		});
		expect(refund.transfer_reversal).toMatch(/^trr_/);
		expect(sandbox.state.getObject(intent.latest_charge as string)).toMatchObject({
			refunded: true,
			amount_refunded: 5_000,
		});
	});
});
