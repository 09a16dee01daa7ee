// A platform of connected accounts with payouts of every kind, seeded through the sandbox's
// scenario builders, and what a reconciliation of it must find: the scale-mode suite and the
// benchmark run the single-Lambda and the state-machine reconciliation on it.
import { RECONCILIATION_DETAIL_TYPES } from '../../functions/reconcilePayouts/events';
import type { StripeSandbox } from '../../stripe-sandbox';
import type { ReceivedEntry } from './eventBridgeStandIn';

const HOUR = 3600;

/** The kinds of payout seeded. */
export type SeededKind = 'reconciled' | 'failed' | 'mismatch' | 'not_reconcilable';

/** The detail-type each seeded kind must be reported as. */
export const DETAIL_TYPE: Record<SeededKind, string> = {
	reconciled: RECONCILIATION_DETAIL_TYPES.reconciled,
	failed: RECONCILIATION_DETAIL_TYPES.failed,
	mismatch: RECONCILIATION_DETAIL_TYPES.mismatch,
	not_reconcilable: RECONCILIATION_DETAIL_TYPES.notReconcilable,
};

/** What a run is checked against: every seeded payout and the calls a single run would need. */
export interface SeededPlatform {
	accounts: string[];
	expected: Map<string, { account: string; detailType: string }>;
	/** The fewest Stripe calls one Lambda needs for this data (account, payout and transaction pages). */
	minimumCalls: number;
}

/**
 * `count` connected accounts with one payout each, arrived three hours ago: one in ten reconciled
 * (its balance transactions are read), one in ten failed, one in fifty mismatched, the rest manual.
 * `heavy` accounts also get 249 more manual payouts: three pages to list.
 */
export function seedPayoutPlatform(
	sandbox: StripeSandbox,
	count: number,
	heavy: number[] = [],
): SeededPlatform {
	const arrival = sandbox.now() - 3 * HOUR;
	const accounts: string[] = [];
	const expected = new Map<string, { account: string; detailType: string }>();
	let payoutPages = 0;
	let transactionPages = 0;
	const kindOf = (index: number): SeededKind => {
		if (index % 10 === 0) return 'reconciled';
		if (index % 10 === 1) return 'failed';
		if (index % 50 === 2) return 'mismatch';
		return 'not_reconcilable';
	};
	for (let index = 0; index < count; index++) {
		const account = sandbox.state.createConnectedAccount({}).id;
		accounts.push(account);
		const kind = kindOf(index);
		const payouts =
			kind === 'not_reconcilable'
				? [
						sandbox.state.createManualPayout({
							account,
							amount: 1_000 + index,
							currency: 'usd',
							arrival_date: arrival,
						}),
					]
				: [
						sandbox.state.createAutomaticPayout({
							account,
							currency: 'usd',
							arrival_date: arrival,
							status: kind === 'failed' ? 'failed' : 'paid',
							transactions: [{ type: 'charge', amount: 2_000 + index, fee: 88 }],
							...(kind === 'mismatch' ? { mismatchBy: 150 } : {}),
						}),
					];
		if (kind === 'reconciled' || kind === 'mismatch') transactionPages++;
		for (const payout of payouts)
			expected.set(payout.id, { account, detailType: DETAIL_TYPE[kind] });
		if (heavy.includes(index)) {
			for (let extra = 0; extra < 249; extra++) {
				const payout = sandbox.state.createManualPayout({
					account,
					amount: 100 + extra,
					currency: 'usd',
					arrival_date: arrival,
				});
				expected.set(payout.id, { account, detailType: DETAIL_TYPE.not_reconcilable });
			}
			payoutPages += 3;
		} else {
			payoutPages += 1;
		}
	}
	return {
		accounts,
		expected,
		minimumCalls: Math.ceil(count / 100) + payoutPages + transactionPages,
	};
}

/** The connected accounts in the order Stripe lists them (the order the planner cuts into batches). */
export async function accountsInListOrder(sandbox: StripeSandbox): Promise<string[]> {
	const ids: string[] = [];
	for (let after: string | undefined; ; ) {
		const response = await fetch(
			`${sandbox.url}/v1/accounts?limit=100${after ? `&starting_after=${after}` : ''}`,
			{ headers: { authorization: `Bearer ${sandbox.secretKey}` } },
		);
		const page = (await response.json()) as { data: Array<{ id: string }>; has_more: boolean };
		ids.push(...page.data.map((account) => account.id));
		if (!page.has_more) break;
		after = ids[ids.length - 1];
	}
	sandbox.clearRequests();
	return ids;
}

/** How the events a run published match the seeded payouts. */
export interface PayoutEventCheck {
	/** Seeded payouts reported exactly once, as their kind. */
	asSeeded: number;
	/** Seeded payouts without exactly their one event (the first few). */
	wrong: string[];
	/** Payouts that got any payout event. */
	payoutsWithEvents: number;
	/** eventKeys accepted more than once. */
	duplicateKeys: string[];
}

/** Compares the payout events a bus accepted with the seeded payouts. */
export function checkPayoutEvents(
	platform: SeededPlatform,
	accepted: ReceivedEntry[],
): PayoutEventCheck {
	const byPayout = new Map<string, string[]>();
	const byKey = new Map<string, number>();
	for (const entry of accepted) {
		const key = entry.detail.eventKey as string;
		byKey.set(key, (byKey.get(key) ?? 0) + 1);
		if (typeof entry.detail.payout !== 'string') continue;
		byPayout.set(entry.detail.payout, [
			...(byPayout.get(entry.detail.payout) ?? []),
			entry.DetailType,
		]);
	}
	const wrong = [...platform.expected]
		.filter(([payout, { detailType }]) => byPayout.get(payout)?.join() !== detailType)
		.map(([payout]) => payout);
	return {
		asSeeded: platform.expected.size - wrong.length,
		wrong: wrong.slice(0, 5),
		payoutsWithEvents: byPayout.size,
		duplicateKeys: [...byKey].filter(([, count]) => count > 1).map(([key]) => key),
	};
}
