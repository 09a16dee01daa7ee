import type Stripe from 'stripe';

import type { JobEvent } from '../shared/jobEvents';
import type { RequestBudget } from '../shared/requestBudget';
import { LIST_PAGE_SIZE, listAllPages } from '../shared/stripeClient';
import { UNLIMITED_TIME, type TimeBudget } from '../shared/timeBudget';
import { forEachConcurrently } from '../shared/workerPool';
import { buildPayoutEvent } from './events';
import { payoutQueryWindow, reconcilePayout, triagePayout, type PayoutOutcome } from './outcomes';
import {
	countOutcomes,
	emptySummary,
	type AccountShortfall,
	type ReconciliationSummary,
} from './summary';
import type { ReconciliationWindow } from './window';

/** Progress after each account, for terminals and logs. */
export interface ReconciliationProgress {
	accountsDone: number;
	accountsTotal: number;
	apiCalls: number;
	outcomes: Partial<Record<PayoutOutcome['kind'], number>>;
}

/** Everything reconcileAccounts needs; the scale worker passes one batch of accounts. */
export interface ReconcileAccountsInput {
	stripe: Stripe;
	budget: RequestBudget;
	accounts: string[];
	window: ReconciliationWindow;
	/** Unix seconds; decides which unsettled payouts are overdue. */
	now: number;
	overdueGraceSeconds: number;
	timeBudget?: TimeBudget;
	/** Accounts reconciled at the same time (each one's calls still go through the budget). */
	accountConcurrency?: number;
	onProgress?: (progress: ReconciliationProgress) => void;
	onAccountError?: (account: string, error: unknown) => void;
}

/** Outcomes, their events and the counters of one list of accounts. */
export interface ReconcileAccountsResult {
	outcomes: PayoutOutcome[];
	events: JobEvent[];
	summary: ReconciliationSummary;
}

class StoppedForTime extends Error {}

async function reconcileOneAccount(
	input: ReconcileAccountsInput,
	account: string,
	timeBudget: TimeBudget,
): Promise<PayoutOutcome[]> {
	const rules = {
		window: input.window,
		now: input.now,
		overdueGraceSeconds: input.overdueGraceSeconds,
	};
	const query = payoutQueryWindow(rules);
	const payouts = await listAllPages(input.budget, 'payouts.list', (cursor) =>
		input.stripe.payouts.list(
			{
				limit: LIST_PAGE_SIZE,
				arrival_date: { gte: query.since, lt: query.until },
				...cursor,
			},
			{ stripeAccount: account },
		),
	);
	const outcomes: PayoutOutcome[] = [];
	await Promise.all(
		payouts.map(async (payout) => {
			const triage = triagePayout(account, payout, rules);
			if (triage.action === 'outcome') outcomes.push(triage.outcome);
			if (triage.action !== 'list_transactions') return;
			if (timeBudget.shouldStop()) throw new StoppedForTime();
			const transactions = await listAllPages(input.budget, 'balanceTransactions.list', (cursor) =>
				input.stripe.balanceTransactions.list(
					{
						limit: LIST_PAGE_SIZE,
						payout: payout.id,
						...cursor,
					},
					{ stripeAccount: account },
				),
			);
			outcomes.push(reconcilePayout(account, payout, transactions));
		}),
	);
	// Concurrent listings finish in any order; report in Stripe's payout order.
	const order = new Map(payouts.map((payout, index) => [payout.id, index]));
	return outcomes.sort((a, b) => (order.get(a.payout) ?? 0) - (order.get(b.payout) ?? 0));
}

/**
 * Reconciles a list of accounts for a window: every account's payouts and, for automatic payouts
 * Stripe has attributed, their balance transactions. An account that fails or is not reached in
 * time is listed in the summary, never silently dropped; its partial outcomes are discarded so
 * the next run (whose window overlaps) judges it whole.
 */
export async function reconcileAccounts(
	input: ReconcileAccountsInput,
): Promise<ReconcileAccountsResult> {
	const timeBudget = input.timeBudget ?? UNLIMITED_TIME;
	const callsBefore = input.budget.stats();
	const outcomesByAccount = new Map<string, PayoutOutcome[]>();
	const shortfalls: AccountShortfall[] = [];
	const progress: ReconciliationProgress = {
		accountsDone: 0,
		accountsTotal: input.accounts.length,
		apiCalls: 0,
		outcomes: {},
	};
	const reconcileOne = async (account: string) => {
		if (timeBudget.shouldStop()) {
			shortfalls.push({ account, reason: 'time_budget' });
			return;
		}
		try {
			const outcomes = await reconcileOneAccount(input, account, timeBudget);
			outcomesByAccount.set(account, outcomes);
			for (const outcome of outcomes) {
				progress.outcomes[outcome.kind] = (progress.outcomes[outcome.kind] ?? 0) + 1;
			}
		} catch (error) {
			if (error instanceof StoppedForTime) {
				shortfalls.push({ account, reason: 'time_budget' });
			} else {
				input.onAccountError?.(account, error);
				shortfalls.push({
					account,
					reason: 'error',
					message: error instanceof Error ? error.message : String(error),
				});
			}
		}
		progress.accountsDone++;
		progress.apiCalls = input.budget.stats().apiCalls - callsBefore.apiCalls;
		input.onProgress?.({ ...progress, outcomes: { ...progress.outcomes } });
	};
	await forEachConcurrently(input.accounts, input.accountConcurrency ?? 4, reconcileOne);

	// Report in the order the accounts were given, whatever order they finished in.
	const outcomes = input.accounts.flatMap((account) => outcomesByAccount.get(account) ?? []);
	const events = outcomes
		.map(buildPayoutEvent)
		.filter((event): event is JobEvent => event !== undefined);
	const order = new Map(input.accounts.map((account, index) => [account, index]));
	shortfalls.sort((a, b) => (order.get(a.account) ?? 0) - (order.get(b.account) ?? 0));
	const callsAfter = input.budget.stats();
	const summary = countOutcomes(emptySummary(input.window), outcomes);
	summary.accounts = {
		total: input.accounts.length,
		completed: outcomesByAccount.size,
		notReached: shortfalls,
	};
	summary.apiCalls = callsAfter.apiCalls - callsBefore.apiCalls;
	summary.retries = callsAfter.retries - callsBefore.retries;
	return { outcomes, events, summary };
}
