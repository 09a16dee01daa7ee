import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StripeConnectApi } from '../../credentials/StripeConnectApi.credentials';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { testCredential } from '../harness/testCredential';

const credential = new StripeConnectApi();
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
	it('passes for the platform secret key and reads the balance with it', async () => {
		sandbox.clearRequests();
		const result = await testCredential(credential, dataFor(sandbox.secretKey));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = sandbox.requests();
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/v1/balance');
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
		expect(request.headers['stripe-version']).toBe('2026-10-28.endive');
	});

	it('tolerates a trailing slash in the base URL', async () => {
		sandbox.clearRequests();
		const result = await testCredential(credential, dataFor(sandbox.secretKey, `${sandbox.url}/`));

		expect(result.status).toBe('OK');
		expect(sandbox.requests()[0].path).toBe('/v1/balance');
	});

	it('passes for a restricted key that may read the balance', async () => {
		const restrictedKey = sandbox.state.createRestrictedKey(['balance_read']);
		const result = await testCredential(credential, dataFor(restrictedKey));

		expect(result.status).toBe('OK');
	});

	it('explains a 403 for a restricted key without balance access', async () => {
		const restrictedKey = sandbox.state.createRestrictedKey(['payouts_write']);
		const result = await testCredential(credential, dataFor(restrictedKey));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Balance: Read/);
	});

	it('explains a 401 for a key Stripe does not know', async () => {
		const unknownRestrictedKey = ['rk', 'test', 'neverIssuedByTheSandbox1'].join('_');
		const result = await testCredential(credential, dataFor(unknownRestrictedKey));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the key \(401\)/);
	});

	it('refuses a malformed key without sending anything', async () => {
		sandbox.clearRequests();
		const result = await testCredential(credential, dataFor('pk_test_abcdefghijkl'));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/publishable key/);
		expect(sandbox.requests()).toHaveLength(0);
	});
});
