import type { TipDecision, TransferDecision } from './plan';

/** One entry of a balance's `available` list (a Stripe.Balance.Available satisfies it). */
export interface AvailableFunds {
	amount: number;
	currency: string;
	source_types?: { card?: number } | null;
}

/**
 * What transfers may draw per currency. A transfer without `source_type` draws on card funds, so
 * the card share is used when Stripe breaks the balance down by source type.
 */
export function availableForTransfers(available: AvailableFunds[]): Map<string, number> {
	const byCurrency = new Map<string, number>();
	for (const funds of available) {
		const amount = funds.source_types?.card ?? funds.amount;
		byCurrency.set(funds.currency, (byCurrency.get(funds.currency) ?? 0) + amount);
	}
	return byCurrency;
}

/**
 * The currencies whose planned transfers all fit the available balance together. Only these may be
 * created concurrently: where the balance cannot cover every transfer, which ones succeed would
 * depend on timing, so those currencies are paid one at a time in the plan's fixed order.
 */
export function currenciesCoveredByBalance(
	decisions: TipDecision[],
	available: Map<string, number>,
): Set<string> {
	const planned = new Map<string, number>();
	for (const decision of decisions) {
		if (decision.kind !== 'transfer') continue;
		const { currency, amount } = decision.params;
		planned.set(currency, (planned.get(currency) ?? 0) + amount);
	}
	const covered = new Set<string>();
	for (const [currency, total] of planned) {
		if (total <= (available.get(currency) ?? 0)) covered.add(currency);
	}
	return covered;
}

/** Transfers created one after another, in order; a lane of one runs beside the others. */
export type TransferLane = TransferDecision[];

/**
 * How transfers run: one lane each in a currency the balance covers (any order works, so all may
 * run at once), one lane per other currency in the plan's fixed order (recipient id), so which
 * transfers fit never depends on timing. Lanes of different currencies run beside each other.
 */
export function transferLanes(
	transfers: TransferDecision[],
	coveredCurrencies: Set<string>,
): TransferLane[] {
	const lanes: TransferLane[] = [];
	const sequential = new Map<string, TransferLane>();
	for (const transfer of transfers) {
		const { currency } = transfer.params;
		if (coveredCurrencies.has(currency)) {
			lanes.push([transfer]);
			continue;
		}
		const lane = sequential.get(currency) ?? [];
		lane.push(transfer);
		sequential.set(currency, lane);
	}
	return [...lanes, ...sequential.values()];
}
