import type Stripe from 'stripe';

import type { RequestBudget } from '../shared/requestBudget';
import { LIST_PAGE_SIZE, listAllPages } from '../shared/stripeClient';
import { collectRangeAccounts, rangeScanLimit, type AccountRange } from './scale/batches';

/** Lists every connected account of the platform (one call per 100 accounts). */
export async function listConnectedAccountIds(
	stripe: Stripe,
	budget: RequestBudget,
): Promise<string[]> {
	const accounts = await listAllPages(budget, 'accounts.list', (cursor) =>
		stripe.accounts.list({ limit: LIST_PAGE_SIZE, ...cursor }),
	);
	return accounts.map((account) => account.id);
}

/** The accounts of a scale-mode range, read from Stripe's account list through the budget. */
export async function listRangeAccounts(
	stripe: Stripe,
	budget: RequestBudget,
	range: AccountRange,
): Promise<string[]> {
	let accounts: string[] = [];
	let startingAfter = range.after ?? undefined;
	for (;;) {
		const page = await budget.call('accounts.list', () =>
			stripe.accounts.list({
				limit: LIST_PAGE_SIZE,
				...(startingAfter ? { starting_after: startingAfter } : {}),
			}),
		);
		const ids = page.data.map((account) => account.id);
		const scan = collectRangeAccounts(range, accounts, ids);
		accounts = scan.accounts;
		if (scan.done || !page.has_more || ids.length === 0) return accounts;
		if (accounts.length > rangeScanLimit(range)) {
			throw new RangeError(
				`Batch after ${range.after ?? 'the first account'} through ${range.through} did not end within ${rangeScanLimit(range)} accounts: ` +
					'both of its boundary accounts disappeared after planning. Re-run the reconciliation to plan again.',
			);
		}
		startingAfter = ids[ids.length - 1];
	}
}
