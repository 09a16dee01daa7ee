import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

function newAccount(): string {
	return sandbox.state.createConnectedAccount({ country: 'US' }).id;
}

describe('Capability', () => {
	it('lists the capabilities of an account', async () => {
		const id = newAccount();

		const capabilities = await runFixtureOk(sandbox, 'capability-get-many', [{ account: id }]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/accounts/${id}/capabilities`,
		});
		expect(capabilities.map((capability) => capability.id).sort()).toEqual([
			'card_payments',
			'transfers',
		]);
	});

	it('gets one capability', async () => {
		const id = newAccount();

		const [capability] = await runFixtureOk(sandbox, 'capability-get', [{ account: id }]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/accounts/${id}/capabilities/transfers`,
		});
		expect(capability).toMatchObject({ object: 'capability', id: 'transfers', account: id });
	});

	it('requests a capability', async () => {
		const id = newAccount();

		const [capability] = await runFixtureOk(sandbox, 'capability-update', [{ account: id }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/accounts/${id}/capabilities/card_payments`,
			rawBody: 'requested=true',
		});
		expect(capability).toMatchObject({ id: 'card_payments', requested: true });
	});
});
