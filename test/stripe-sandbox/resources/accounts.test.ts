import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { callSandbox, startSandboxWithSdk } from '../helpers';

describe('connected accounts', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('creates an Express account through controller settings with requested capabilities inactive', async () => {
		const account = await stripe.accounts.create({
			controller: {
				stripe_dashboard: { type: 'express' },
				fees: { payer: 'application' },
				losses: { payments: 'application' },
			},
			country: 'DE',
			email: 'shop@example.test',
			capabilities: { transfers: { requested: true }, card_payments: { requested: true } },
			business_profile: { name: 'Kaffee GmbH' },
			settings: { payouts: { schedule: { interval: 'weekly', weekly_anchor: 'friday' } } },
			metadata: { crm: '42' },
		});
		expect(account).toMatchObject({
			type: 'express',
			country: 'DE',
			default_currency: 'eur',
			email: 'shop@example.test',
			capabilities: { transfers: 'inactive', card_payments: 'inactive' },
			charges_enabled: false,
			payouts_enabled: false,
			details_submitted: false,
			business_profile: { name: 'Kaffee GmbH' },
			settings: { payouts: { schedule: { interval: 'weekly', weekly_anchor: 'friday' } } },
			metadata: { crm: '42' },
			created: 1_750_000_000,
		});
		expect(account.requirements?.currently_due).toContain('external_account');
	});

	it('creates Standard accounts with the deprecated type parameter', async () => {
		expect(
			(await stripe.accounts.create({ type: 'standard', country: 'JP' })).default_currency,
		).toBe('jpy');
	});

	it('lists, updates and deletes accounts and emits account.updated', async () => {
		const first = sandbox.state.createConnectedAccount({ created: 1_749_000_000 });
		const second = sandbox.state.createConnectedAccount();
		const listed = await stripe.accounts.list({ created: { gte: 1_749_500_000 } });
		expect(listed.data.map((account) => account.id)).toEqual([second.id]);
		const updated = await stripe.accounts.update(first.id, {
			metadata: { tier: 'gold' },
			settings: { payouts: { schedule: { interval: 'monthly', monthly_anchor: 15 } } },
		});
		expect(updated.settings?.payouts?.schedule).toMatchObject({
			interval: 'monthly',
			monthly_anchor: 15,
		});
		const [event] = (
			await stripe.events.list({ type: 'account.updated' }, { stripeAccount: first.id })
		).data;
		expect(event.account).toBe(first.id);
		expect(event.data.previous_attributes).toMatchObject({ metadata: {} });
		expect(await stripe.accounts.del(first.id)).toEqual({
			id: first.id,
			object: 'account',
			deleted: true,
		});
		await expect(stripe.accounts.retrieve(first.id)).rejects.toMatchObject({
			statusCode: 404,
			message: `No such account: '${first.id}'`,
		});
		const scoped = await callSandbox(sandbox, 'GET', '/v1/balance', {
			headers: { 'Stripe-Account': first.id },
		});
		expect(scoped.body.error.code).toBe('account_invalid');
	});

	it('rejects an account and disables it', async () => {
		const seller = sandbox.state.createConnectedAccount();
		const rejected = await stripe.accounts.reject(seller.id, { reason: 'fraud' });
		expect(rejected).toMatchObject({
			charges_enabled: false,
			payouts_enabled: false,
			requirements: { disabled_reason: 'rejected.fraud' },
		});
	});
});
