import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStripeKeyProblem } from '../../nodes/shared/stripeApi';
import { SANDBOX_SECRET_KEY, startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox } from './helpers';

describe('authentication and account scoping', () => {
	let sandbox: StripeSandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	it('exposes a secret key the credential accepts', () => {
		expect(sandbox.secretKey).toBe(SANDBOX_SECRET_KEY);
		expect(describeStripeKeyProblem(sandbox.secretKey)).toBeUndefined();
	});

	it('accepts any well-formed sk_test_ key as the platform', async () => {
		const response = await callSandbox(sandbox, 'GET', '/v1/account', {
			key: 'sk_test_AnotherKey123',
		});
		expect(response.status).toBe(200);
		expect(response.body.id).toBe(sandbox.platformAccountId);
	});

	it('answers a missing key with 401 and a Request-Id', async () => {
		const response = await callSandbox(sandbox, 'GET', '/v1/balance', { key: null });
		expect(response.status).toBe(401);
		expect(response.headers.get('request-id')).toMatch(/^req_/);
		expect(response.body.error.type).toBe('authentication_error');
		expect(response.body.error.message).toMatch(/^You did not provide an API key/);
	});

	it('answers a malformed key with 401 without echoing the key', async () => {
		const response = await callSandbox(sandbox, 'GET', '/v1/balance', { key: 'sk_test_short' });
		expect(response.status).toBe(401);
		expect(response.body.error.message).toBe('Invalid API Key provided: sk_test_*hort');
		const live = await callSandbox(sandbox, 'GET', '/v1/balance', {
			key: 'sk_live_SecretLiveKey1234',
		});
		expect(live.status).toBe(401);
		expect(JSON.stringify(live.body)).not.toContain('SecretLiveKey');
	});

	it('lets a restricted key do what its permissions allow and answers 403 otherwise', async () => {
		const key = sandbox.state.createRestrictedKey(['balance_read']);
		expect(describeStripeKeyProblem(key)).toBeUndefined();
		expect((await callSandbox(sandbox, 'GET', '/v1/balance', { key })).status).toBe(200);
		const denied = await callSandbox(sandbox, 'GET', '/v1/payouts', { key });
		expect(denied.status).toBe(403);
		expect(denied.body.error.message).toContain(
			"Having the 'rak_payouts_read' permission would allow this request to continue.",
		);
		expect(denied.body.error.message).not.toContain(key);
	});

	it('treats an unregistered rk_test_ key as invalid', async () => {
		expect(
			(await callSandbox(sandbox, 'GET', '/v1/balance', { key: 'rk_test_NotRegistered1' })).status,
		).toBe(401);
	});

	it('scopes requests to the account in Stripe-Account', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'FR' });
		sandbox.state.fundBalance({ account: account.id, currency: 'eur', amount: 1234 });
		const balance = await callSandbox(sandbox, 'GET', '/v1/balance', {
			headers: { 'Stripe-Account': account.id },
		});
		expect(balance.body.available).toEqual([
			{ amount: 1234, currency: 'eur', source_types: { card: 1234 } },
		]);
		const platform = await callSandbox(sandbox, 'GET', '/v1/balance');
		expect(platform.body.available).toEqual([
			{ amount: 0, currency: 'usd', source_types: { card: 0 } },
		]);
		expect(sandbox.requests({ path: '/v1/balance', stripeAccount: account.id })).toHaveLength(1);
	});

	it('refuses an unknown Stripe-Account with 403 account_invalid', async () => {
		const response = await callSandbox(sandbox, 'GET', '/v1/balance', {
			headers: { 'Stripe-Account': 'acct_doesnotexist' },
		});
		expect(response.status).toBe(403);
		expect(response.body.error).toMatchObject({
			type: 'invalid_request_error',
			code: 'account_invalid',
		});
		expect(response.body.error.message).toContain(
			"does not have access to account 'acct_doesnotexist' (or that account does not exist)",
		);
	});

	it('does not find an account’s objects from the platform', async () => {
		const account = sandbox.state.createConnectedAccount();
		const payout = sandbox.state.createManualPayout({
			account: account.id,
			amount: 100,
			currency: 'usd',
		});
		expect((await callSandbox(sandbox, 'GET', `/v1/payouts/${payout.id}`)).status).toBe(404);
		const scoped = await callSandbox(sandbox, 'GET', `/v1/payouts/${payout.id}`, {
			headers: { 'Stripe-Account': account.id },
		});
		expect(scoped.body.id).toBe(payout.id);
	});
});

describe('Stripe-Context', () => {
	let sandbox: StripeSandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	it('acts as the account named by Stripe-Context, alone or after the platform id', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'FR' });
		sandbox.state.fundBalance({ account: account.id, currency: 'eur', amount: 77 });
		for (const context of [account.id, `${sandbox.platformAccountId}/${account.id}`]) {
			const balance = await callSandbox(sandbox, 'GET', '/v1/balance', {
				headers: { 'Stripe-Context': context },
			});
			expect(balance.body.available).toEqual([
				{ amount: 77, currency: 'eur', source_types: { card: 77 } },
			]);
		}
		expect(
			sandbox.requests({ path: '/v1/balance' }).map((request) => request.stripeContext),
		).toEqual([account.id, `${sandbox.platformAccountId}/${account.id}`]);
		const unknown = await callSandbox(sandbox, 'GET', '/v1/balance', {
			headers: { 'Stripe-Context': 'acct_nobody' },
		});
		expect(unknown.body.error.code).toBe('account_invalid');
		const otherPlatform = await callSandbox(sandbox, 'GET', '/v1/balance', {
			headers: { 'Stripe-Context': `acct_other/${account.id}` },
		});
		expect(otherPlatform.body.error).toMatchObject({
			code: 'invalid_stripe_context',
			param: 'Stripe-Context',
		});
	});

	it('refuses Stripe-Account and Stripe-Context sent together, in the v1 and the v2 error shape', async () => {
		const account = sandbox.state.createConnectedAccount();
		const headers = { 'Stripe-Account': account.id, 'Stripe-Context': account.id };
		const v1 = await callSandbox(sandbox, 'GET', '/v1/balance', { headers });
		expect(v1.status).toBe(400);
		expect(v1.body.error).toMatchObject({
			type: 'invalid_request_error',
			code: 'stripe_context_with_stripe_account',
			param: 'Stripe-Context',
			doc_url: expect.any(String),
		});
		const v2 = await callSandbox(sandbox, 'GET', '/v2/core/accounts', { headers });
		expect(v2.status).toBe(400);
		expect(v2.body.error).toEqual({
			type: 'invalid_request_error',
			code: 'stripe_context_with_stripe_account',
			message: expect.stringContaining('Stripe-Context'),
			param: 'Stripe-Context',
		});
	});

	it('keeps restricted keys out of API v2', async () => {
		const key = sandbox.state.createRestrictedKey(['accounts_write']);
		const response = await callSandbox(sandbox, 'GET', '/v2/core/accounts', { key });
		expect(response.status).toBe(403);
		expect(response.body.error).toMatchObject({ code: 'secret_key_required' });
		expect(response.body.error.message).not.toContain(key);
	});
});
