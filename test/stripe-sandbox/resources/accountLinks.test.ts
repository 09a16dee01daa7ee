import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startSandboxWithSdk } from '../helpers';

describe('account links', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('creates an onboarding link for an Express account and refuses an unknown account', async () => {
		const express = sandbox.state.createConnectedAccount({ type: 'express' });
		const link = await stripe.accountLinks.create({
			account: express.id,
			type: 'account_onboarding',
			refresh_url: 'https://shop.test/refresh',
			return_url: 'https://shop.test/return',
		});
		expect(link).toMatchObject({ object: 'account_link', expires_at: 1_750_000_300 });
		expect(link.url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\/e\//);
		await expect(
			stripe.accountLinks.create({ account: 'acct_missing', type: 'account_onboarding' }),
		).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'account' });
	});
});
