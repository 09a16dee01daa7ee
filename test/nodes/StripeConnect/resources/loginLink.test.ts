import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
useSandbox((started) => {
	sandbox = started;
});

describe('Onboarding', () => {
	it('creates an Express dashboard login link', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US', type: 'express' }).id;

		const [link] = await runFixtureOk(sandbox, 'login-link-create', [{ account }]);

		expectSingleRequest(sandbox, { method: 'POST', path: `/v1/accounts/${account}/login_links` });
		expect(link).toMatchObject({ object: 'login_link' });
	});
});
