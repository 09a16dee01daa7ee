import type { SandboxCore } from './core';
import { emitEvent } from './events';
import { balanceOf } from './resources/balance';
import { settlePayout } from './resources/payoutSettlement';

function accountsWithObjects(core: SandboxCore): string[] {
	return [
		core.platformAccountId,
		...core.store.list(core.platformAccountId, 'account').map((account) => account.id),
	];
}

/**
 * Moves the sandbox clock and lets everything due happen, in order: pending funds become available
 * (balance.available), payouts move to in_transit and then paid or failed. Resolves after every
 * webhook delivery these changes caused has been answered.
 */
export async function advanceTime(core: SandboxCore, seconds: number): Promise<number> {
	const before = core.now();
	const now = core.clock.advance(seconds);
	for (const account of accountsWithObjects(core)) {
		let released = false;
		for (const transaction of core.store.list(account, 'balance_transaction')) {
			if (transaction.status === 'pending' && Number(transaction.available_on) <= now) {
				transaction.status = 'available';
				released = true;
			}
		}
		if (released) {
			emitEvent(core, {
				type: 'balance.available',
				object: balanceOf(core, account),
				account,
			});
		}
		const payouts = core.store
			.list(account, 'payout')
			.filter(
				(payout) =>
					(payout.status === 'pending' || payout.status === 'in_transit') &&
					Number(payout.created) < now &&
					now > before,
			)
			.reverse();
		for (const payout of payouts) settlePayout(core, account, payout);
	}
	await core.webhooks.flush();
	return now;
}
