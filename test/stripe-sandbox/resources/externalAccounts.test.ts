import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startSandboxWithSdk } from '../helpers';

describe('external accounts', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('lists the external bank account', async () => {
		const seller = sandbox.state.createConnectedAccount({ country: 'GB' });
		const [bank] = (await stripe.accounts.listExternalAccounts(seller.id)).data;
		expect(bank).toMatchObject({
			object: 'bank_account',
			currency: 'gbp',
			country: 'GB',
			last4: '6789',
		});
		expect((await stripe.accounts.retrieveExternalAccount(seller.id, bank.id)).id).toBe(bank.id);
	});
});
