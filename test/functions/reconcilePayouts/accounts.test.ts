import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listRangeAccounts } from '../../../functions/reconcilePayouts/accounts';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { stripeFor, testBudget } from '../../support/jobHarness';

describe('listRangeAccounts', () => {
	let sandbox: StripeSandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	it('fails a batch whose boundary accounts both disappeared instead of reading the whole list', async () => {
		for (let index = 0; index < 250; index++)
			sandbox.state.createConnectedAccount({ country: 'US' });
		sandbox.clearRequests();
		const vanished = { after: null, through: 'acct_1Deleted', next: 'acct_1AlsoDeleted', size: 1 };
		await expect(listRangeAccounts(stripeFor(sandbox), testBudget(), vanished)).rejects.toThrow(
			/did not end within 102 accounts: both of its boundary accounts disappeared after planning/,
		);
		// It stopped after the page that crossed the limit, well before the end of the list.
		expect(sandbox.requests({ method: 'GET', path: '/v1/accounts' })).toHaveLength(2);
	});
});
