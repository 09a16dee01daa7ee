import type { ReconciliationWindow } from './window';

/** The payout fields reconciliation reads (a Stripe.Payout satisfies it). */
export interface PayoutRecord {
	id: string;
	amount: number;
	currency: string;
	status: string;
	automatic: boolean;
	method: string;
	arrival_date: number;
	reconciliation_status?: string | null;
	balance_transaction: string | { id: string } | null;
	failure_code: string | null;
	failure_message: string | null;
}

/** The balance transaction fields reconciliation reads (a Stripe.BalanceTransaction satisfies it). */
export interface BalanceTransactionRecord {
	id: string;
	amount: number;
	fee: number;
	net: number;
	currency: string;
	type: string;
	source: string | { id: string } | null;
}

/** Totals of one transaction type within a payout. */
export interface TransactionTotals {
	count: number;
	gross: number;
	fees: number;
	net: number;
}

interface OutcomeBase {
	account: string;
	payout: string;
	amount: number;
	currency: string;
	arrivalDate: number;
}

/** What reconciliation concluded about one payout. */
export type PayoutOutcome =
	| (OutcomeBase & {
			kind: 'reconciled';
			transactionCount: number;
			gross: number;
			fees: number;
			net: number;
			breakdown: Record<string, TransactionTotals>;
	  })
	| (OutcomeBase & {
			kind: 'mismatch';
			expected: number;
			actual: number;
			difference: number;
			transactionCount: number;
			otherCurrencyTransactions: string[];
			breakdown: Record<string, TransactionTotals>;
	  })
	| (OutcomeBase & { kind: 'failed'; failureCode: string | null; failureMessage: string | null })
	| (OutcomeBase & { kind: 'overdue'; status: string; overdueSeconds: number })
	| (OutcomeBase & {
			kind: 'not_reconcilable';
			reason: 'manual' | 'instant' | 'not_applicable';
			method: string;
			automatic: boolean;
	  })
	/** Paid, but Stripe has not finished attributing transactions: a later run picks it up. */
	| (OutcomeBase & { kind: 'reconciliation_pending' })
	/** Pending or in transit, not yet past arrival date plus grace. */
	| (OutcomeBase & { kind: 'in_flight'; status: string })
	| (OutcomeBase & { kind: 'canceled' });

/** Every outcome kind, in report order. */
export const OUTCOME_KINDS = [
	'reconciled',
	'mismatch',
	'failed',
	'overdue',
	'not_reconcilable',
	'reconciliation_pending',
	'in_flight',
	'canceled',
] as const satisfies ReadonlyArray<PayoutOutcome['kind']>;

/** Outcome kind of a payout. */
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Rules for judging payouts at a point in time. */
export interface TriageRules {
	window: ReconciliationWindow;
	/** Unix seconds. */
	now: number;
	overdueGraceSeconds: number;
}

/** The first step for a payout: an outcome already, its transactions to fetch, or nothing to do. */
export type PayoutTriage =
	| { action: 'outcome'; outcome: PayoutOutcome }
	| { action: 'list_transactions' }
	| { action: 'ignore' };

/**
 * The window to ask Stripe for: the reconciliation window extended back by the overdue grace, so a
 * payout that only becomes overdue after its arrival day has left the window is still caught.
 */
export function payoutQueryWindow(rules: Omit<TriageRules, 'now'>): ReconciliationWindow {
	return { since: rules.window.since - rules.overdueGraceSeconds, until: rules.window.until };
}

function outcomeBase(account: string, payout: PayoutRecord): OutcomeBase {
	return {
		account,
		payout: payout.id,
		amount: payout.amount,
		currency: payout.currency,
		arrivalDate: payout.arrival_date,
	};
}

/** Decides what a payout needs, from the payout alone. */
export function triagePayout(
	account: string,
	payout: PayoutRecord,
	rules: TriageRules,
): PayoutTriage {
	const base = outcomeBase(account, payout);
	const conclude = (outcome: PayoutOutcome): PayoutTriage => ({ action: 'outcome', outcome });
	const inWindow =
		payout.arrival_date >= rules.window.since && payout.arrival_date < rules.window.until;
	const unsettled = payout.status === 'pending' || payout.status === 'in_transit';
	const overdueSeconds = rules.now - payout.arrival_date - rules.overdueGraceSeconds;
	if (unsettled && overdueSeconds > 0) {
		return conclude({ ...base, kind: 'overdue', status: payout.status, overdueSeconds });
	}
	// Before the window, payouts were judged by earlier runs; only overdue ones are re-examined.
	if (!inWindow) return { action: 'ignore' };
	if (unsettled) return conclude({ ...base, kind: 'in_flight', status: payout.status });
	if (payout.status === 'failed') {
		return conclude({
			...base,
			kind: 'failed',
			failureCode: payout.failure_code,
			failureMessage: payout.failure_message,
		});
	}
	if (payout.status === 'canceled') return conclude({ ...base, kind: 'canceled' });
	const notReconcilable = (reason: 'manual' | 'instant' | 'not_applicable') =>
		conclude({
			...base,
			kind: 'not_reconcilable',
			reason,
			method: payout.method,
			automatic: payout.automatic,
		});
	if (payout.method === 'instant') return notReconcilable('instant');
	if (!payout.automatic) return notReconcilable('manual');
	if (payout.reconciliation_status === 'in_progress') {
		return conclude({ ...base, kind: 'reconciliation_pending' });
	}
	if (payout.reconciliation_status !== 'completed') return notReconcilable('not_applicable');
	return { action: 'list_transactions' };
}

function idOf(reference: string | { id: string } | null | undefined): string | undefined {
	if (reference === null || reference === undefined) return undefined;
	return typeof reference === 'string' ? reference : reference.id;
}

/**
 * Compares an automatic payout with the balance transactions Stripe attributes to it: the net of
 * every transaction except the payout's own must equal the payout amount, in the payout currency.
 */
export function reconcilePayout(
	account: string,
	payout: PayoutRecord,
	transactions: BalanceTransactionRecord[],
): PayoutOutcome {
	const ownTransactionId = idOf(payout.balance_transaction);
	const isOwnTransaction = (transaction: BalanceTransactionRecord) =>
		ownTransactionId !== undefined
			? transaction.id === ownTransactionId
			: transaction.type === 'payout' && idOf(transaction.source) === payout.id;
	const paidOut = transactions.filter((transaction) => !isOwnTransaction(transaction));
	const breakdown: Record<string, TransactionTotals> = {};
	let gross = 0;
	let fees = 0;
	let net = 0;
	const otherCurrencyTransactions: string[] = [];
	for (const transaction of paidOut) {
		if (transaction.currency !== payout.currency) otherCurrencyTransactions.push(transaction.id);
		gross += transaction.amount;
		fees += transaction.fee;
		net += transaction.net;
		const totals = (breakdown[transaction.type] ??= { count: 0, gross: 0, fees: 0, net: 0 });
		totals.count++;
		totals.gross += transaction.amount;
		totals.fees += transaction.fee;
		totals.net += transaction.net;
	}
	const base = outcomeBase(account, payout);
	if (net === payout.amount && otherCurrencyTransactions.length === 0) {
		return {
			...base,
			kind: 'reconciled',
			transactionCount: paidOut.length,
			gross,
			fees,
			net,
			breakdown,
		};
	}
	return {
		...base,
		kind: 'mismatch',
		expected: payout.amount,
		actual: net,
		difference: net - payout.amount,
		transactionCount: paidOut.length,
		otherCurrencyTransactions,
		breakdown,
	};
}
