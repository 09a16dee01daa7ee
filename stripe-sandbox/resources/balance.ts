import type { SandboxCore } from '../core';
import { present } from '../expand';
import type { RouteTable } from '../types';

type Funds = { amount: number; currency: string; source_types: { card: number } };

function sumByCurrency(
	core: SandboxCore,
	account: string,
	status: 'available' | 'pending',
): Map<string, number> {
	const totals = new Map<string, number>();
	for (const transaction of core.store.values(account, 'balance_transaction')) {
		if (transaction.status !== status) continue;
		const currency = String(transaction.currency);
		totals.set(currency, (totals.get(currency) ?? 0) + Number(transaction.net));
	}
	return totals;
}

/** The available (or pending) amount an account holds in one currency. */
export function balanceIn(
	core: SandboxCore,
	account: string,
	currency: string,
	status: 'available' | 'pending' = 'available',
): number {
	return sumByCurrency(core, account, status).get(currency) ?? 0;
}

function defaultCurrency(core: SandboxCore, account: string): string {
	return String(core.account(account)?.default_currency ?? 'usd');
}

function funds(totals: Map<string, number>, fallbackCurrency: string): Funds[] {
	if (totals.size === 0) totals.set(fallbackCurrency, 0);
	return [...totals.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
}

/** The balance object of an account: always the sum of its balance transactions. */
export function balanceOf(core: SandboxCore, account: string): Record<string, unknown> {
	const currency = defaultCurrency(core, account);
	const available = funds(sumByCurrency(core, account, 'available'), currency);
	return {
		object: 'balance',
		available,
		...(account === core.platformAccountId
			? {
					connect_reserved: available.map((entry) => ({
						amount: 0,
						currency: entry.currency,
						source_types: { card: 0 },
					})),
				}
			: {}),
		livemode: false,
		pending: funds(sumByCurrency(core, account, 'pending'), currency),
	};
}

/** Routes for GET /v1/balance. */
export const balanceRoutes: RouteTable = {
	'GET /v1/balance': ({ core, account, params }) =>
		present(core, balanceOf(core, account), params.expand),
};
