import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, sandboxStripe } from './helpers';

describe('connected accounts and onboarding', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: 1_750_000_000 });
		stripe = sandboxStripe(sandbox);
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

	it('returns the platform from GET /v1/account and a connected account with Stripe-Account', async () => {
		const seller = sandbox.state.createConnectedAccount();
		expect((await stripe.accounts.retrieveCurrent()).id).toBe(sandbox.platformAccountId);
		expect((await stripe.accounts.retrieveCurrent({}, { stripeAccount: seller.id })).id).toBe(
			seller.id,
		);
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

	it('lists, reads and requests capabilities', async () => {
		const seller = sandbox.state.createConnectedAccount({ capabilities: { transfers: 'active' } });
		expect(
			(await stripe.accounts.listCapabilities(seller.id)).data.map((capability) => [
				capability.id,
				capability.status,
			]),
		).toEqual([['transfers', 'active']]);
		const requested = await stripe.accounts.updateCapability(seller.id, 'card_payments', {
			requested: true,
		});
		expect(requested).toMatchObject({
			id: 'card_payments',
			requested: true,
			status: 'inactive',
			account: seller.id,
		});
		await expect(
			stripe.accounts.retrieveCapability(seller.id, 'tax_reporting_us_1099_k'),
		).rejects.toMatchObject({ statusCode: 404 });
	});

	it('moves capabilities with setCapabilities and emits capability.updated', async () => {
		const seller = sandbox.state.createConnectedAccount();
		sandbox.state.setCapabilities(seller.id, { transfers: 'inactive' });
		const events = await stripe.events.list(
			{ types: ['capability.updated', 'account.updated'] },
			{ stripeAccount: seller.id },
		);
		expect(events.data.map((event) => event.type)).toEqual([
			'account.updated',
			'capability.updated',
		]);
		expect(events.data[1].data.object).toMatchObject({ id: 'transfers', status: 'inactive' });
	});

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

	it('manages persons and filters them by relationship', async () => {
		const company = sandbox.state.createConnectedAccount({ business_type: 'company' });
		const owner = await stripe.accounts.createPerson(company.id, {
			first_name: 'Ada',
			last_name: 'Lovelace',
			email: 'ada@example.test',
			relationship: { owner: true, percent_ownership: 60 },
		});
		const representative = await stripe.accounts.createPerson(company.id, {
			first_name: 'Grace',
			relationship: { representative: true, title: 'CEO' },
		});
		expect(owner).toMatchObject({
			object: 'person',
			account: company.id,
			first_name: 'Ada',
			relationship: { owner: true, percent_ownership: 60 },
		});
		const owners = await stripe.accounts.listPersons(company.id, { relationship: { owner: true } });
		expect(owners.data.map((person) => person.id)).toEqual([owner.id]);
		const updated = await stripe.accounts.updatePerson(company.id, owner.id, {
			email: '',
			metadata: { kyc: 'done' },
		});
		expect(updated).toMatchObject({ email: null, metadata: { kyc: 'done' } });
		expect(await stripe.accounts.deletePerson(company.id, owner.id)).toEqual({
			id: owner.id,
			object: 'person',
			deleted: true,
		});
		await expect(stripe.accounts.deletePerson(company.id, representative.id)).rejects.toMatchObject(
			{ statusCode: 400 },
		);
		const events = await stripe.events.list({ type: 'person.*' }, { stripeAccount: company.id });
		expect(events.data.map((event) => event.type)).toEqual([
			'person.deleted',
			'person.updated',
			'person.created',
			'person.created',
		]);
	});

	it('creates account links, Express login links and account sessions', async () => {
		const express = sandbox.state.createConnectedAccount({ type: 'express' });
		const standard = sandbox.state.createConnectedAccount({ type: 'standard' });
		const link = await stripe.accountLinks.create({
			account: express.id,
			type: 'account_onboarding',
			refresh_url: 'https://shop.test/refresh',
			return_url: 'https://shop.test/return',
		});
		expect(link).toMatchObject({ object: 'account_link', expires_at: 1_750_000_300 });
		expect(link.url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\/e\//);
		expect((await stripe.accounts.createLoginLink(express.id)).url).toMatch(
			/^https:\/\/connect\.stripe\.com\/express\//,
		);
		await expect(stripe.accounts.createLoginLink(standard.id)).rejects.toMatchObject({
			statusCode: 400,
		});
		const session = await stripe.accountSessions.create({
			account: express.id,
			components: { payouts: { enabled: true, features: { instant_payouts: true } } },
		});
		expect(session.client_secret).toMatch(/^accs_secret__/);
		expect(session.components.payouts).toMatchObject({
			enabled: true,
			features: { instant_payouts: true, standard_payouts: false },
		});
		expect(session.components.payments.enabled).toBe(false);
		await expect(
			stripe.accountLinks.create({ account: 'acct_missing', type: 'account_onboarding' }),
		).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'account' });
	});
});
