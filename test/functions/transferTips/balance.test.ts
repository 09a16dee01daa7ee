import { describe, expect, it } from 'vitest';

import {
	availableForTransfers,
	currenciesCoveredByBalance,
} from '../../../functions/transferTips/balance';
import { planTipTransfers } from '../../../functions/transferTips/plan';

const minimums = { byCurrency: { jpy: 100 }, fallback: 100 };

describe('which currencies may be paid concurrently', () => {
	const transfer = (recipient: string, currency: string, amount: number) =>
		planTipTransfers({
			periodId: '2026-W46',
			groups: [{ recipient, currency, amount, tipCount: 1, refundedTips: 0 }],
			existing: new Map(),
			accounts: new Map([[recipient, { id: recipient, transfersCapability: 'active' }]]),
			minimums,
		});

	it('reads the card share of the available balance, per currency', () => {
		expect(
			availableForTransfers([
				{ amount: 5_000, currency: 'usd', source_types: { card: 4_000 } },
				{ amount: 300, currency: 'jpy' },
				{ amount: 700, currency: 'usd', source_types: null },
			]),
		).toEqual(
			new Map([
				['usd', 4_700],
				['jpy', 300],
			]),
		);
	});

	it('keeps a currency concurrent only when all its planned transfers fit together', () => {
		const decisions = [
			...transfer('acct_A', 'usd', 600),
			...transfer('acct_B', 'usd', 400),
			...transfer('acct_C', 'eur', 600),
			...transfer('acct_D', 'eur', 401),
			...transfer('acct_E', 'jpy', 1),
		];
		const available = new Map([
			['usd', 1_000],
			['eur', 1_000],
		]);
		// usd: 1,000 of 1,000 fits; eur: 1,001 of 1,000 does not; jpy: nothing available.
		expect([...currenciesCoveredByBalance(decisions, available)]).toEqual(['usd']);
	});
});
