import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { availableIn, useMarketplace } from '../helpers';

describe('balance', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let account: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 10_000 },
		(started) => ({ sandbox, stripe, seller: account } = started),
	);

	const available = (stripeAccount?: string) => availableIn(stripe, 'usd', stripeAccount);

	it('makes pending funds available when their date passes and emits balance.available', async () => {
		sandbox.state.fundBalance({
			account: account.id,
			currency: 'usd',
			amount: 700,
			pending: true,
			available_on: 1_750_000_000 + 3600,
		});
		const before = await stripe.balance.retrieve({}, { stripeAccount: account.id });
		expect(before.pending).toEqual([{ amount: 700, currency: 'usd', source_types: { card: 700 } }]);
		await sandbox.advanceTime(3600);
		expect(await available(account.id)).toBe(700);
		const events = await stripe.events.list({ type: 'balance.*' }, { stripeAccount: account.id });
		expect(events.data.map((event) => event.type)).toEqual(['balance.available']);
	});
});
