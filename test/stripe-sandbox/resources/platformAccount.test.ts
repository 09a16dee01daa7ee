import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startSandboxWithSdk } from '../helpers';

describe('the platform account', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('returns the platform from GET /v1/account and a connected account with Stripe-Account', async () => {
		const seller = sandbox.state.createConnectedAccount();
		expect((await stripe.accounts.retrieveCurrent()).id).toBe(sandbox.platformAccountId);
		expect((await stripe.accounts.retrieveCurrent({}, { stripeAccount: seller.id })).id).toBe(
			seller.id,
		);
	});
});
