import { describe, expect, it } from 'vitest';

import { buildPayoutEvent } from '../../../functions/reconcilePayouts/events';
import { reconcilePayout, triagePayout } from '../../../functions/reconcilePayouts/outcomes';
import { payout, rules, transaction, window } from '../../support/payoutRecords';

describe('events', () => {
	it('carry account, payout, amount, currency and a deterministic eventKey', () => {
		const outcome = reconcilePayout('acct_1', payout(), [
			transaction({ id: 'txn_payout', type: 'payout', amount: -10_000, net: -10_000 }),
			transaction({ id: 'txn_1', amount: 10_000, net: 10_000 }),
		]);
		const event = buildPayoutEvent(outcome);
		expect(event).toEqual({
			source: 'stripe-connect.reconciliation',
			detailType: 'Payout Reconciled',
			detail: {
				eventKey: 'reconciliation:acct_1:po_1:reconciled',
				account: 'acct_1',
				payout: 'po_1',
				amount: 10_000,
				currency: 'usd',
				arrivalDate: new Date((window.since + 3600) * 1000).toISOString(),
				transactionCount: 1,
				gross: 10_000,
				fees: 0,
				net: 10_000,
				breakdown: { charge: { count: 1, gross: 10_000, fees: 0, net: 10_000 } },
			},
		});
		expect(buildPayoutEvent(outcome)).toEqual(event);
	});

	it('are not built for outcomes that are only counted', () => {
		const pending = triagePayout('acct_1', payout({ reconciliation_status: 'in_progress' }), rules);
		expect(pending.action === 'outcome' && buildPayoutEvent(pending.outcome)).toBeUndefined();
	});
});
