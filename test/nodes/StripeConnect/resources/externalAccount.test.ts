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

describe('External Account', () => {
	it('lists the bank accounts of an account up to a limit', async () => {
		const id = newAccount();

		const externalAccounts = await runFixtureOk(sandbox, 'external-account-get-many', [
			{ account: id },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/accounts/${id}/external_accounts`,
			rawQuery: 'object=bank_account&limit=5',
		});
		expect(externalAccounts).toHaveLength(1);
		expect(externalAccounts[0].object).toBe('bank_account');
	});

	it('gets one bank account', async () => {
		const id = newAccount();
		const [bankAccount] = sandbox.state.listObjects('bank_account', id);

		const [fetched] = await runFixtureOk(sandbox, 'external-account-get', [
			{ account: id, bankAccount: bankAccount.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/accounts/${id}/external_accounts/${bankAccount.id}`,
		});
		expect(fetched.id).toBe(bankAccount.id);
	});
});
