// Plain payout and balance transaction records for the reconciliation's pure suites.
import type {
	BalanceTransactionRecord,
	PayoutRecord,
	TriageRules,
} from '../../functions/reconcilePayouts/outcomes';

const DAY = 86_400;

/** A one-day window. */
export const window = { since: 1_700_000_000, until: 1_700_000_000 + DAY };

/** Judging at the end of the window with two days of grace. */
export const rules: TriageRules = { window, now: window.until, overdueGraceSeconds: 2 * DAY };

/** An automatic payout paid inside the window and reconciled by Stripe, with `overrides`. */
export function payout(overrides: Partial<PayoutRecord> = {}): PayoutRecord {
	return {
		id: 'po_1',
		amount: 10_000,
		currency: 'usd',
		status: 'paid',
		automatic: true,
		method: 'standard',
		arrival_date: window.since + 3600,
		reconciliation_status: 'completed',
		balance_transaction: 'txn_payout',
		failure_code: null,
		failure_message: null,
		...overrides,
	};
}

/** A balance transaction of nothing in usd, with `overrides`. */
export function transaction(
	overrides: Partial<BalanceTransactionRecord>,
): BalanceTransactionRecord {
	return {
		id: 'txn',
		amount: 0,
		fee: 0,
		net: 0,
		currency: 'usd',
		type: 'charge',
		source: null,
		...overrides,
	};
}
