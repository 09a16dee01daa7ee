import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StripeConnectApi } from '../../../credentials/StripeConnectApi.credentials';
import { StripeConnect } from '../../../nodes/StripeConnect/StripeConnect.node';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { testCredential } from '../../harness/testCredential';

const credential = new StripeConnectApi();
const nodes = [new StripeConnect()];
let sandbox: StripeSandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

const dataFor = (secretKey: string, baseUrl = sandbox.url) => ({
	secretKey,
	apiVersion: '2026-10-28.endive',
	baseUrl,
});

describe('the credential test n8n runs when a user clicks "Test"', () => {
	it('says which mode and which account the key belongs to, reading the platform account', async () => {
		const platform = (await (
			await fetch(`${sandbox.url}/v1/account`, {
				headers: { authorization: `Bearer ${sandbox.secretKey}` },
			})
		).json()) as { business_profile: { name: string } };
		sandbox.clearRequests();
		const result = await testCredential(credential, dataFor(sandbox.secretKey), nodes);

		expect(platform.business_profile.name).not.toBe('');
		expect(result).toEqual({
			status: 'OK',
			message: `Connected in test mode with a secret key to ${platform.business_profile.name} (${sandbox.platformAccountId}).`,
		});
		const [request] = sandbox.requests();
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/v1/account');
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(request.headers['stripe-version']).toBe('2026-10-28.endive');
		expect(sandbox.requests()).toHaveLength(1);
	});

	it('tolerates a trailing slash in the base URL', async () => {
		sandbox.clearRequests();
		const result = await testCredential(
			credential,
			dataFor(sandbox.secretKey, `${sandbox.url}/`),
			nodes,
		);

		expect(result.status).toBe('OK');
		expect(sandbox.requests()[0].path).toBe('/v1/account');
	});

	it('passes for a restricted key that may read the balance, and says why no account is named', async () => {
		const restrictedKey = sandbox.state.createRestrictedKey(['balance_read']);
		sandbox.clearRequests();
		const result = await testCredential(credential, dataFor(restrictedKey), nodes);

		expect(result.status).toBe('OK');
		expect(result.message).toContain('Connected in test mode with a restricted key.');
		expect(result.message).toContain('Account: Read');
		expect(sandbox.requests().map((request) => `${request.path} ${request.status}`)).toEqual([
			'/v1/account 403',
			'/v1/balance 200',
		]);
	});

	it('explains a 403 for a restricted key without balance access', async () => {
		const restrictedKey = sandbox.state.createRestrictedKey(['payouts_write']);
		const result = await testCredential(credential, dataFor(restrictedKey), nodes);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Balance: Read/);
	});

	it('explains a 401 for a key Stripe does not know', async () => {
		const unknownRestrictedKey = ['rk', 'test', 'neverIssuedByTheSandbox1'].join('_');
		const result = await testCredential(credential, dataFor(unknownRestrictedKey), nodes);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the key \(401\)/);
	});

	it('refuses a malformed key without sending anything', async () => {
		sandbox.clearRequests();
		const result = await testCredential(credential, dataFor('pk_test_abcdefghijkl'), nodes);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/publishable key/);
		expect(sandbox.requests()).toHaveLength(0);
	});
});
