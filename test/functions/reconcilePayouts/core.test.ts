import { describe, expect, it } from 'vitest';

import {
	buildPayoutEvent,
	buildReconciliationCompletedEvent,
	countOutcomes,
	emptySummary,
	mergeSummaries,
	payoutQueryWindow,
	reconcilePayout,
	resolveWindow,
	triagePayout,
	type BalanceTransactionRecord,
	type PayoutRecord,
	type TriageRules,
} from '../../../functions/reconcilePayouts/core';

const DAY = 86_400;
const window = { since: 1_700_000_000, until: 1_700_000_000 + DAY };
const rules: TriageRules = { window, now: window.until, overdueGraceSeconds: 2 * DAY };

function payout(overrides: Partial<PayoutRecord> = {}): PayoutRecord {
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

function transaction(overrides: Partial<BalanceTransactionRecord>): BalanceTransactionRecord {
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

describe('triagePayout', () => {
	it('asks for the transactions of a paid automatic payout Stripe has reconciled', () => {
		expect(triagePayout('acct_1', payout(), rules)).toEqual({ action: 'list_transactions' });
	});

	it('reports a failed payout with its failure code and message', () => {
		const triage = triagePayout(
			'acct_1',
			payout({
				status: 'failed',
				failure_code: 'account_closed',
				failure_message: 'The bank account has been closed',
			}),
			rules,
		);
		expect(triage).toEqual({
			action: 'outcome',
			outcome: {
				kind: 'failed',
				account: 'acct_1',
				payout: 'po_1',
				amount: 10_000,
				currency: 'usd',
				arrivalDate: window.since + 3600,
				failureCode: 'account_closed',
				failureMessage: 'The bank account has been closed',
			},
		});
	});

	it('counts a paid payout whose reconciliation is still in progress without listing transactions', () => {
		const triage = triagePayout('acct_1', payout({ reconciliation_status: 'in_progress' }), rules);
		expect(triage).toMatchObject({
			action: 'outcome',
			outcome: { kind: 'reconciliation_pending' },
		});
	});

	it('reports manual and instant payouts as not reconcilable', () => {
		expect(
			triagePayout(
				'acct_1',
				payout({ automatic: false, reconciliation_status: 'not_applicable' }),
				rules,
			),
		).toMatchObject({
			outcome: { kind: 'not_reconcilable', reason: 'manual', automatic: false, method: 'standard' },
		});
		expect(
			triagePayout(
				'acct_1',
				payout({ automatic: false, method: 'instant', reconciliation_status: 'not_applicable' }),
				rules,
			),
		).toMatchObject({
			outcome: { kind: 'not_reconcilable', reason: 'instant', method: 'instant' },
		});
	});

	it('counts canceled payouts and reports automatic payouts Stripe does not attribute', () => {
		expect(triagePayout('acct_1', payout({ status: 'canceled' }), rules)).toMatchObject({
			outcome: { kind: 'canceled' },
		});
		expect(
			triagePayout('acct_1', payout({ reconciliation_status: 'not_applicable' }), rules),
		).toMatchObject({
			outcome: { kind: 'not_reconcilable', reason: 'not_applicable', automatic: true },
		});
	});

	it('flags a payout still in transit more than the grace period after its arrival date', () => {
		const late = payout({ status: 'in_transit', arrival_date: rules.now - 2 * DAY - 60 });
		expect(triagePayout('acct_1', late, rules)).toMatchObject({
			outcome: { kind: 'overdue', status: 'in_transit', overdueSeconds: 60 },
		});
	});

	it('keeps a pending payout within its grace period in flight', () => {
		const onTime = payout({ status: 'pending', arrival_date: window.until - 60 });
		expect(triagePayout('acct_1', onTime, rules)).toMatchObject({
			outcome: { kind: 'in_flight', status: 'pending' },
		});
	});

	it('ignores settled payouts before the window, which earlier runs judged', () => {
		const old = payout({ arrival_date: window.since - 60 });
		expect(triagePayout('acct_1', old, rules)).toEqual({ action: 'ignore' });
		expect(payoutQueryWindow(rules)).toEqual({
			since: window.since - 2 * DAY,
			until: window.until,
		});
	});
});

describe('reconcilePayout', () => {
	const ownTransaction = transaction({
		id: 'txn_payout',
		type: 'payout',
		amount: -10_000,
		net: -10_000,
		source: 'po_1',
	});

	it('reconciles when the net of the paid-out transactions equals the payout amount', () => {
		const outcome = reconcilePayout('acct_1', payout(), [
			ownTransaction,
			transaction({ id: 'txn_1', type: 'charge', amount: 8_000, fee: 262, net: 7_738 }),
			transaction({ id: 'txn_2', type: 'charge', amount: 3_000, fee: 117, net: 2_883 }),
			transaction({ id: 'txn_3', type: 'refund', amount: -621, fee: 0, net: -621 }),
		]);
		expect(outcome).toEqual({
			kind: 'reconciled',
			account: 'acct_1',
			payout: 'po_1',
			amount: 10_000,
			currency: 'usd',
			arrivalDate: window.since + 3600,
			transactionCount: 3,
			gross: 10_379,
			fees: 379,
			net: 10_000,
			breakdown: {
				charge: { count: 2, gross: 11_000, fees: 379, net: 10_621 },
				refund: { count: 1, gross: -621, fees: 0, net: -621 },
			},
		});
	});

	it('reports the expected and actual amounts and their difference when they differ', () => {
		const outcome = reconcilePayout('acct_1', payout(), [
			ownTransaction,
			transaction({ id: 'txn_1', amount: 9_000, fee: 290, net: 8_710 }),
		]);
		expect(outcome).toMatchObject({
			kind: 'mismatch',
			expected: 10_000,
			actual: 8_710,
			difference: -1_290,
		});
	});

	it('treats a transaction in another currency as a mismatch even when the sums agree', () => {
		const outcome = reconcilePayout('acct_1', payout(), [
			ownTransaction,
			transaction({ id: 'txn_eur', currency: 'eur', amount: 10_000, net: 10_000 }),
		]);
		expect(outcome).toMatchObject({
			kind: 'mismatch',
			difference: 0,
			otherCurrencyTransactions: ['txn_eur'],
		});
	});

	it('reconciles zero-decimal currencies in whole units', () => {
		const yen = payout({
			id: 'po_jpy',
			currency: 'jpy',
			amount: 15_000,
			balance_transaction: { id: 'txn_po_jpy' },
		});
		const outcome = reconcilePayout('acct_jp', yen, [
			transaction({
				id: 'txn_po_jpy',
				type: 'payout',
				currency: 'jpy',
				amount: -15_000,
				net: -15_000,
			}),
			transaction({ id: 'txn_c', currency: 'jpy', amount: 15_540, fee: 540, net: 15_000 }),
		]);
		expect(outcome).toMatchObject({
			kind: 'reconciled',
			currency: 'jpy',
			gross: 15_540,
			fees: 540,
			net: 15_000,
		});
	});
});

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

describe('summaries', () => {
	it('count outcomes and amounts per currency, and merge batches of one window', () => {
		const failed = triagePayout('acct_1', payout({ status: 'failed', failure_code: 'x' }), rules);
		const yen = triagePayout(
			'acct_2',
			payout({ id: 'po_2', currency: 'jpy', amount: 500, status: 'failed' }),
			rules,
		);
		if (failed.action !== 'outcome' || yen.action !== 'outcome')
			throw new Error('expected outcomes');
		const first = countOutcomes(emptySummary(window), [failed.outcome]);
		first.accounts = { total: 1, completed: 1, notReached: [] };
		first.apiCalls = 2;
		const second = countOutcomes(emptySummary(window), [yen.outcome]);
		second.accounts = {
			total: 2,
			completed: 1,
			notReached: [{ account: 'acct_3', reason: 'time_budget' }],
		};
		second.apiCalls = 3;

		const merged = mergeSummaries([first, second]);
		expect(merged.payouts.failed).toBe(2);
		expect(merged.amountsByCurrency).toEqual({ usd: { failed: 10_000 }, jpy: { failed: 500 } });
		expect(merged.accounts).toEqual({
			total: 3,
			completed: 2,
			notReached: [{ account: 'acct_3', reason: 'time_budget' }],
		});
		expect(merged.apiCalls).toBe(5);

		const completed = buildReconciliationCompletedEvent(merged, 1234);
		expect(completed.detailType).toBe('Reconciliation Completed');
		expect(completed.detail).toMatchObject({
			account: null,
			payout: null,
			amount: null,
			currency: null,
			accounts: {
				total: 3,
				completed: 2,
				notReachedCount: 1,
				notReached: [{ account: 'acct_3', reason: 'time_budget' }],
			},
			durationMs: 1234,
		});
		const key = completed.detail.eventKey;
		expect(key).toMatch(
			new RegExp(
				`^reconciliation-completed:${merged.window.since}:${merged.window.until}:[0-9a-f]{16}$`,
			),
		);
		// The same results give the same key whatever the run's cost; other results give another.
		expect(buildReconciliationCompletedEvent({ ...merged, apiCalls: 99 }, 1).detail.eventKey).toBe(
			key,
		);
		const completedLater = mergeSummaries([first, countOutcomes(second, [yen.outcome])]);
		expect(buildReconciliationCompletedEvent(completedLater, 1234).detail.eventKey).not.toBe(key);
	});

	it('refuse to merge batches of different windows', () => {
		const other = emptySummary({ since: window.since + 1, until: window.until });
		expect(() => mergeSummaries([emptySummary(window), other])).toThrow(/different windows/);
	});
});

describe('resolveWindow', () => {
	it('defaults to the lookback plus overlap ending now', () => {
		expect(resolveWindow({}, 1_700_000_000.7, 24, 6)).toEqual({
			since: 1_700_000_000 - 30 * 3600,
			until: 1_700_000_000,
		});
	});

	it('takes explicit ISO bounds and names the field that is malformed or out of order', () => {
		expect(resolveWindow({ since: '2026-11-01', until: '2026-11-02T00:00:00Z' }, 0, 24, 6)).toEqual(
			{
				since: Date.parse('2026-11-01T00:00:00Z') / 1000,
				until: Date.parse('2026-11-02T00:00:00Z') / 1000,
			},
		);
		expect(() => resolveWindow({ since: 'yesterday' }, 1_700_000_000, 24, 6)).toThrow(
			/^since: "yesterday" is not an ISO 8601/,
		);
		expect(() => resolveWindow({ since: '2026-11-03', until: '2026-11-02' }, 0, 24, 6)).toThrow(
			/^since: .* is not before until/,
		);
	});
});
