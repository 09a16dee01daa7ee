import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

function newAccount(): string {
	return sandbox.state.createConnectedAccount({ country: 'US' }).id;
}

describe('Account', () => {
	it('creates an account from controller properties, capabilities, business profile and metadata', async () => {
		const [account] = await runFixtureOk(sandbox, 'account-create-controller');

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/accounts',
			rawBody:
				'controller[fees][payer]=application&controller[losses][payments]=application&controller[requirement_collection]=stripe&controller[stripe_dashboard][type]=express' +
				'&country=DE&capabilities[card_payments][requested]=true&capabilities[transfers][requested]=true' +
				'&business_type=individual&email=maker%40example.com&business_profile[name]=Maker%20Studio&business_profile[mcc]=5734&business_profile[product_description]=Handmade%20prints' +
				'&business_profile[support_email]=help%40maker.example.com&business_profile[url]=https%3A%2F%2Fmaker.example.com&metadata[seller_id]=s_77',
		});
		expect(account).toMatchObject({
			object: 'account',
			country: 'DE',
			email: 'maker@example.com',
			business_type: 'individual',
			metadata: { seller_id: 's_77' },
		});
		expect(account.id).toMatch(/^acct_/);
	});

	it('refuses a workflow saved with the retired account type, naming the controller properties to set', async () => {
		const result = await runFixture(sandbox, 'account-create-saved-type');

		expect(result.error?.message).toBe(
			'Configure By → Account Type: is no longer offered: Stripe deprecated account types for controller properties. Open the node and set Fees Payer, Losses Owner, Requirement Collection and Dashboard instead (Express = Platform, Platform, Stripe, Express Dashboard; Standard = Connected Account, Stripe, Stripe, Full Stripe Dashboard; Custom = Platform, Platform, Platform, None).',
		);
		expect(sandbox.requests()).toEqual([]);
	});

	it('gets an account with its external accounts expanded', async () => {
		const id = newAccount();

		const [account] = await runFixtureOk(sandbox, 'account-get', [{ account: id }]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/accounts/${id}`,
			rawQuery: 'expand[0]=external_accounts',
		});
		expect(account.id).toBe(id);
	});

	it('lists every account created after a date', async () => {
		const ids = [newAccount(), newAccount()];
		const after = sandbox.now() - 60;

		const accounts = await runFixtureOk(sandbox, 'account-get-many', [
			{ after: new Date(after * 1000).toISOString() },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/accounts',
			rawQuery: `created[gte]=${after}&limit=100`,
		});
		expect(accounts.map((account) => account.id)).toEqual(expect.arrayContaining(ids));
	});

	it('updates email, business profile, payout schedule and metadata (one key cleared)', async () => {
		const id = sandbox.state.createConnectedAccount({ metadata: { legacy: 'yes' } }).id;

		const [account] = await runFixtureOk(sandbox, 'account-update', [{ account: id }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/accounts/${id}`,
			rawBody:
				'email=new%40example.com&business_profile[name]=Renamed%20Studio' +
				'&settings[payouts][schedule][interval]=weekly&settings[payouts][schedule][weekly_anchor]=friday&settings[payouts][schedule][delay_days]=7' +
				'&metadata[tier]=gold&metadata[legacy]=',
		});
		expect(account).toMatchObject({ email: 'new@example.com', metadata: { tier: 'gold' } });
		expect(account.settings).toMatchObject({
			payouts: { schedule: { interval: 'weekly', weekly_anchor: 'friday', delay_days: 7 } },
		});
	});

	it('deletes an account', async () => {
		const id = newAccount();

		const [deleted] = await runFixtureOk(sandbox, 'account-delete', [{ account: id }]);

		expectSingleRequest(sandbox, { method: 'DELETE', path: `/v1/accounts/${id}` });
		expect(deleted).toEqual({ id, object: 'account', deleted: true });
	});

	it('sends nothing for a text field whose expression resolves blank, and keeps what Stripe has', async () => {
		const id = newAccount();
		await runFixtureOk(sandbox, 'account-update-from-item', [
			{ account: id, email: 'kept@example.com', phone: '+15555550100' },
		]);
		sandbox.clearRequests();

		const [account] = await runFixtureOk(sandbox, 'account-update-from-item', [
			{ account: id, email: '', phone: '+15555550199' },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/accounts/${id}`,
			rawBody: 'business_profile[support_phone]=%2B15555550199',
		});
		expect(account).toMatchObject({
			email: 'kept@example.com',
			business_profile: { support_phone: '+15555550199' },
		});
	});

	it('sends no parameters on delete, even from a workflow saved with Options → Expand', async () => {
		const id = newAccount();

		const [deleted] = await runFixtureOk(sandbox, 'account-delete-stored-expand', [
			{ account: id },
		]);

		expectSingleRequest(sandbox, { method: 'DELETE', path: `/v1/accounts/${id}`, rawQuery: '' });
		expect(deleted).toEqual({ id, object: 'account', deleted: true });
	});

	it.each([
		['fraud_payment_method_casher', 'rejected.platform_fraud'],
		['fraud_payment_method_tester', 'rejected.platform_fraud'],
		['fraud_no_intent_to_fulfill', 'rejected.platform_fraud'],
		['fraud_other', 'rejected.platform_fraud'],
		['credit', 'rejected.platform_other'],
		['terms_of_service', 'rejected.platform_terms_of_service'],
		['other', 'rejected.platform_other'],
	])(
		'rejects an account for %s and keeps its payouts with Payouts Action None',
		async (reason, disabledReason) => {
			const id = newAccount();
			const before = sandbox.state.listObjects('account').find((account) => account.id === id);
			expect(before?.payouts_enabled).toBe(true);

			const [account] = await runFixtureOk(sandbox, 'account-reject-keep-payouts', [
				{ account: id, reason },
			]);

			expectSingleRequest(sandbox, {
				method: 'POST',
				path: `/v1/accounts/${id}/reject`,
				rawBody: `reason=${reason}&payouts_action=none`,
			});
			expect(account).toMatchObject({
				id,
				charges_enabled: false,
				payouts_enabled: true,
				requirements: { disabled_reason: disabledReason },
			});
		},
	);

	it('rejects an account for a reason', async () => {
		const id = newAccount();

		const [account] = await runFixtureOk(sandbox, 'account-reject', [{ account: id }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/accounts/${id}/reject`,
			rawBody: 'reason=terms_of_service',
		});
		expect(account.id).toBe(id);
		// Since 2026-09-30.endive a rejection by the platform reads rejected.platform_… (rejected.… is Stripe's own).
		expect((account.requirements as { disabled_reason: string }).disabled_reason).toBe(
			'rejected.platform_terms_of_service',
		);
		expect(account.payouts_enabled).toBe(false);
	});

	it("gets the platform's own account", async () => {
		const [account] = await runFixtureOk(sandbox, 'account-get-platform');

		expectSingleRequest(sandbox, { method: 'GET', path: '/v1/account' });
		expect(account.id).toBe(sandbox.platformAccountId);
	});
});
