import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { StripeConnectApi } from '../../../../../credentials/StripeConnectApi.credentials';
import { StripeConnect } from '../../../../../nodes/StripeConnect/StripeConnect.node';
import {
	loadWorkflowFixture,
	runWorkflow,
	sandboxCredentials,
} from '../../../../harness/runWorkflow';
import { testCredential } from '../../../../harness/testCredential';
import { startRedirectPair, type RedirectPair } from '../redirectingServer';

const SECRET_KEY = 'sk_test_RedirectTargetMustNeverSeeThis1';
const fixtures = join(__dirname, '../../../StripeConnect/fixtures');

let pair: RedirectPair | undefined;

afterEach(async () => {
	await pair?.close();
	pair = undefined;
});

const STATUSES = [301, 302, 307, 308];

describe('a Stripe request follows no redirect', () => {
	it.each(STATUSES)('the node refuses a %i on a read and names the base URL', async (status) => {
		pair = await startRedirectPair(status);

		const result = await runWorkflow(loadWorkflowFixture(join(fixtures, 'balance-get.json')), {
			credentials: sandboxCredentials({ url: pair.url, secretKey: SECRET_KEY }),
		});

		expect(pair.reachedTarget).toEqual([]);
		expect(pair.redirected).toEqual([
			{ method: 'GET', url: '/v1/balance', authorization: `Bearer ${SECRET_KEY}` },
		]);
		expect(result.error?.message).toBe(
			`The Stripe base URL ${pair.url} answered ${status} with a redirect to ${pair.targetUrl}/v1/balance; it was not followed`,
		);
		expect(result.error?.description).toContain('Check the Base URL');
		expect(JSON.stringify(result.error)).not.toContain(SECRET_KEY);
	});

	it.each(STATUSES)('the node neither follows nor re-sends a POST answered %i', async (status) => {
		pair = await startRedirectPair(status);

		const result = await runWorkflow(loadWorkflowFixture(join(fixtures, 'transfer-create.json')), {
			credentials: sandboxCredentials({ url: pair.url, secretKey: SECRET_KEY }),
			inputItems: [{ destination: 'acct_1Example', amount: 100 }],
		});

		expect(pair.reachedTarget).toEqual([]);
		expect(pair.redirected.map((request) => `${request.method} ${request.url}`)).toEqual([
			'POST /v1/transfers',
		]);
		expect(result.error?.message).toContain(`The Stripe base URL ${pair.url} answered ${status}`);
	});

	it.each(STATUSES)('the credential test refuses a %i', async (status) => {
		pair = await startRedirectPair(status);

		const result = await testCredential(
			new StripeConnectApi(),
			{ secretKey: SECRET_KEY, apiVersion: '2026-10-28.endive', baseUrl: pair.url },
			[new StripeConnect()],
		);

		expect(result).toEqual({
			status: 'Error',
			message: `The base URL ${pair.url} answered ${status} with a redirect to ${pair.targetUrl}/v1/account; it was not followed. Stripe's API never redirects: check the Base URL.`,
		});
		expect(pair.reachedTarget).toEqual([]);
		expect(pair.redirected).toEqual([
			{ method: 'GET', url: '/v1/account', authorization: `Bearer ${SECRET_KEY}` },
		]);
	});
});
