import type { IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { StripeConnectApi } from '../../credentials/StripeConnectApi.credentials';
import { TESTED_STRIPE_API_VERSION } from '../../nodes/shared/stripeApi';

const credential = new StripeConnectApi();
const request: IHttpRequestOptions = {
	url: '/v1/balance',
	headers: { Accept: 'application/json' },
};
const testKey = ['sk', 'test', 'credentialUnitTest42'].join('_');

describe('Stripe Connect API credential', () => {
	it('sends the key as a bearer token and the pinned API version', async () => {
		const authenticated = await credential.authenticate(
			{ secretKey: testKey, apiVersion: TESTED_STRIPE_API_VERSION, baseUrl: 'http://x' },
			request,
		);

		expect(authenticated.headers).toEqual({
			Accept: 'application/json',
			Authorization: `Bearer ${testKey}`,
			'Stripe-Version': TESTED_STRIPE_API_VERSION,
		});
	});

	it("leaves Stripe-Version out when the version is empty, so the account's default applies", async () => {
		const authenticated = await credential.authenticate(
			{ secretKey: testKey, apiVersion: '  ', baseUrl: 'http://x' },
			request,
		);

		expect(authenticated.headers).not.toHaveProperty('Stripe-Version');
	});

	it('refuses a malformed key without echoing it', async () => {
		const wrongKey = 'sk_tset_abcdefghijk';
		await expect(
			credential.authenticate({ secretKey: wrongKey, apiVersion: '' }, request),
		).rejects.toThrow(/malformed/);
		await expect(
			credential.authenticate({ secretKey: wrongKey, apiVersion: '' }, request),
		).rejects.not.toThrow(wrongKey);
	});

	it('defaults to the API version the package is tested against and to Stripe', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p.default]));

		expect(byName.apiVersion).toBe(TESTED_STRIPE_API_VERSION);
		expect(byName.baseUrl).toBe('https://api.stripe.com');
	});

	it('tests the key by reading the balance and explains 401 and 403', () => {
		expect(credential.test.request).toMatchObject({ url: '/v1/balance', method: 'GET' });
		const messages = Object.fromEntries(
			(credential.test.rules ?? []).map((rule) => [
				(rule.properties as { value: number }).value,
				(rule.properties as { message: string }).message,
			]),
		);

		expect(messages[401]).toMatch(/rejected the key/);
		expect(messages[403]).toMatch(/Balance: Read/);
	});

	it('shows test or live mode and flags malformed keys in the form', () => {
		const notices = credential.properties.filter((p) => p.type === 'notice');
		const regexOf = (name: string) => {
			const notice = notices.find((p) => p.name === name);
			const condition = (
				notice?.displayOptions?.show?.secretKey as Array<{ _cnd: { regex: string } }>
			)[0];
			return new RegExp(condition._cnd.regex);
		};

		expect(regexOf('testModeNotice').test(testKey)).toBe(true);
		expect(regexOf('testModeNotice').test('rk_live_abcdefghij')).toBe(false);
		expect(regexOf('liveModeNotice').test('rk_live_abcdefghij')).toBe(true);
		expect(regexOf('malformedKeyNotice').test('pk_test_abcdefghij')).toBe(true);
		expect(regexOf('malformedKeyNotice').test(testKey)).toBe(false);
		expect(regexOf('malformedKeyNotice').test('')).toBe(false);
	});
});
