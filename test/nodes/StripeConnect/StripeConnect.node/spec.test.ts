import { readdirSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	startSandbox,
	validateStripeRequest,
	type StripeSandbox,
} from '../../../../stripe-sandbox';
import { FIXTURE_FOLDER, runFixture } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let account: string;
let bankAccount: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	bankAccount = sandbox.state.listObjects('bank_account', account)[0].id as string;
});

afterAll(async () => {
	await sandbox.close();
});

/** Fixtures that set every optional field of an operation, so each parameter the node can send is checked. */
const specFixtures = readdirSync(FIXTURE_FOLDER)
	.filter((file) => file.startsWith('spec-'))
	.map((file) => file.replace(/\.json$/, ''));

describe("every parameter the node can send is in Stripe's OpenAPI spec", () => {
	it('has fixtures with every optional field', () => {
		expect(specFixtures.length).toBeGreaterThanOrEqual(16);
	});

	it.each(specFixtures)('%s', async (fixture) => {
		sandbox.clearRequests();

		await runFixture(sandbox, fixture, [{ account, bankAccount, key: `spec-${fixture}` }]);

		const requests = sandbox.requests();
		expect(requests.length).toBeGreaterThan(0);
		for (const request of requests) {
			const params = request.method === 'POST' ? request.body : request.query;
			expect(() => validateStripeRequest(request.method, request.path, params)).not.toThrow();
			const code = (request.responseBody as { error?: { code?: string } }).error?.code ?? '';
			expect(code).not.toMatch(/^parameter_/);
		}
	});
});
