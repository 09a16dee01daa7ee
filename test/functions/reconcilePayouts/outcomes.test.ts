import { describe, expect, it } from 'vitest';

import {
	payoutQueryWindow,
	reconcilePayout,
	triagePayout,
} from '../../../functions/reconcilePayouts/outcomes';
import { payout, rules, transaction, window } from '../../support/payoutRecords';

const DAY = 86_400;

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
