import type { IHttpRequestOptions } from 'n8n-workflow';
import { CREDENTIAL_BLANKING_VALUE, NodeHelpers } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { StripeConnectApi } from '../../credentials/StripeConnectApi.credentials';
import { StripeConnect } from '../../nodes/StripeConnect/StripeConnect.node';
import { StripeConnectTrigger } from '../../nodes/StripeConnectTrigger/StripeConnectTrigger.node';
import { stripeConnectApiTest } from '../../nodes/shared/credentialTest';
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

	it('is tested by the nodes with a custom test that reports the mode and the account', () => {
		expect(credential).not.toHaveProperty('test');
		for (const node of [new StripeConnect(), new StripeConnectTrigger()]) {
			const entry = node.description.credentials?.find((c) => c.name === 'stripeConnectApi');
			expect(entry?.testedBy).toBe('stripeConnectApiTest');
			expect(node.methods?.credentialTest?.stripeConnectApiTest).toBe(stripeConnectApiTest);
		}
	});

	it.each([
		[testKey, ['testModeNotice']],
		['rk_test_abcdefghij', ['testModeNotice']],
		['rk_live_abcdefghij', ['liveModeNotice']],
		['sk_live_abcdefghij', ['liveModeNotice']],
		[CREDENTIAL_BLANKING_VALUE, ['savedKeyNotice']],
		['pk_test_abcdefghij', ['malformedKeyNotice']],
		['whsec_abcdefghij', ['malformedKeyNotice']],
		[' sk_test_abcdefghij', ['malformedKeyNotice']],
		['', []],
	])('shows the right notice for %j in the form, as n8n decides it', (secretKey, shown) => {
		const notices = credential.properties.filter((property) => property.type === 'notice');
		const visible = notices
			.filter((notice) =>
				NodeHelpers.displayParameter({ secretKey }, notice, null, null, { secretKey }),
			)
			.map((notice) => notice.name);

		expect(visible).toEqual(shown);
	});

	it('decides its notices without a regular expression, which n8n times out on a busy host', () => {
		const conditions = JSON.stringify(
			credential.properties.map((property) => property.displayOptions ?? {}),
		);
		expect(conditions).toContain('startsWith');
		expect(conditions).not.toContain('regex');
	});
});
