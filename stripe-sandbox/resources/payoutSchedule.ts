import type { SandboxCore } from '../core';
import { emitEvent } from '../events';
import type { StripeObject } from '../store';
import { createPayout } from './payouts';

const NOT_PAID_OUT_TYPES = new Set(['payout', 'payout_failure', 'payout_cancel']);

/**
 * What Stripe's payout schedule does for one account: pays out, per currency, the available
 * transactions not yet paid out, as one automatic payout that lists them (`?payout=po_…`). Accounts
 * on a manual schedule and currencies with nothing positive to pay are skipped.
 */
export function runScheduledPayouts(core: SandboxCore, account: StripeObject): StripeObject[] {
	const schedule = (
		account.settings as { payouts: { schedule: { interval: string; delay_days: number } } }
	).payouts.schedule;
	if (schedule.interval === 'manual') return [];
	const unpaid = core.store
		.list(account.id, 'balance_transaction')
		.filter(
			(transaction) =>
				transaction.status === 'available' &&
				!NOT_PAID_OUT_TYPES.has(String(transaction.type)) &&
				!core.store.internals(transaction.id).payout,
		);
	const byCurrency = new Map<string, StripeObject[]>();
	for (const transaction of unpaid) {
		const currency = String(transaction.currency);
		const transactions = byCurrency.get(currency);
		if (transactions) transactions.push(transaction);
		else byCurrency.set(currency, [transaction]);
	}
	const payouts: StripeObject[] = [];
	for (const [currency, transactions] of byCurrency) {
		const net = transactions.reduce((sum, transaction) => sum + Number(transaction.net), 0);
		if (net <= 0) continue;
		const payout = createPayout(core, account.id, {
			amount: net,
			currency,
			automatic: true,
			arrival_date: core.now() + Math.max(1, schedule.delay_days) * 86_400,
		});
		for (const transaction of transactions) core.store.internals(transaction.id).payout = payout.id;
		emitEvent(core, { type: 'payout.created', object: payout, account: account.id });
		payouts.push(payout);
	}
	return payouts;
}
