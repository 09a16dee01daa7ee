import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { runFixtureOk, useSandbox } from '../support/fixtureRuns';
import { seededV2Account } from '../support/v2Accounts';
import { expectSingleV2Request } from '../support/v2Wire';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

/** A v2 account with the merchant and recipient configurations, as the sandbox's own state makes it. */
function newV2Account(metadata: Record<string, string> = {}): string {
	return sandbox.state.createV2Account(seededV2Account(metadata)).id;
}

describe('Account Link V2', () => {
	it.each(['account_onboarding', 'account_update'])(
		'creates a %s link with the options of that use case',
		async (useCase) => {
			const id = newV2Account();

			const [link] = await runFixtureOk(sandbox, 'account-link-v2-create', [
				{ account: id, useCase },
			]);

			expectSingleV2Request(sandbox, {
				method: 'POST',
				path: '/v2/core/account_links',
				json: {
					account: id,
					use_case: {
						type: useCase,
						[useCase]: {
							return_url: `https://example.com/onboarding/done?account=${id}`,
							refresh_url: 'https://example.com/onboarding/refresh',
							collection_options: { fields: 'eventually_due', future_requirements: 'include' },
						},
					},
				},
			});
			expect(link).toMatchObject({ object: 'v2.core.account_link', account: id });
			expect(link.url).toMatch(/^https:\/\//);
		},
	);
});
