import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
useSandbox((started) => {
	sandbox = started;
});

describe('Onboarding', () => {
	it('creates an account link for onboarding', async () => {
		const account = sandbox.state.createConnectedAccount({
			country: 'US',
			details_submitted: false,
		}).id;

		const [link] = await runFixtureOk(sandbox, 'account-link-create', [{ account }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/account_links',
			rawBody:
				`account=${account}&type=account_onboarding&return_url=https%3A%2F%2Fexample.com%2Fonboarding%2Fdone` +
				'&refresh_url=https%3A%2F%2Fexample.com%2Fonboarding%2Frefresh' +
				'&collection_options[fields]=eventually_due&collection_options[future_requirements]=include',
		});
		expect(link).toMatchObject({ object: 'account_link' });
		expect(link.url).toMatch(/^https:\/\//);
	});

	it('refuses a workflow saved with the retired Collect before any request', async () => {
		const account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const result = await runFixture(sandbox, 'account-link-create-saved-collect', [{ account }]);

		expect(result.error?.message).toBe(
			'Collect: is no longer offered: Stripe deprecated it for collection options. Open the node and set Collection Options → Fields (and Future Requirements) instead.',
		);
		expect(sandbox.requests()).toEqual([]);
	});
});
