import type { SandboxCore } from '../core';
import { emitEvent } from '../events';
import type { StripeObject } from '../store';
import { addBalanceTransaction } from './balanceTransactions';

/** Stripe's payout failure codes and the messages it gives with them. */
export const PAYOUT_FAILURE_MESSAGES: Record<string, string> = {
	account_closed: 'The bank account has been closed.',
	account_frozen: 'The bank account has been frozen.',
	bank_account_restricted:
		'The bank account has restrictions on either the type, or the number, of payouts allowed.',
	could_not_process: 'The bank could not process this payout.',
	insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
	invalid_account_number: 'The routing number seems correct, but the account number is invalid.',
	no_account:
		'The bank account details on file are probably incorrect. No bank account could be located with those details.',
	debit_not_authorized: 'Debit transactions are not approved on the bank account.',
};

/** Marks a payout failed, returns its money to the balance, and records the failure transaction. */
export function failPayoutNow(
	core: SandboxCore,
	account: string,
	payout: StripeObject,
	failureCode: string,
): void {
	const failure = addBalanceTransaction(core, account, {
		amount: Number(payout.amount),
		currency: String(payout.currency),
		type: 'payout_failure',
		source: payout.id,
	});
	payout.status = 'failed';
	payout.failure_code = failureCode;
	payout.failure_message = PAYOUT_FAILURE_MESSAGES[failureCode] ?? 'The payout failed.';
	payout.failure_balance_transaction = failure.id;
	if (payout.automatic) payout.reconciliation_status = 'not_applicable';
}

/**
 * Moves one payout along its lifecycle for the current sandbox time: pending → in_transit as soon
 * as time passes, then paid (or failed, when a failure is planned) once arrival_date is reached.
 */
export function settlePayout(core: SandboxCore, account: string, payout: StripeObject): void {
	if (payout.status === 'pending') {
		payout.status = 'in_transit';
		emitEvent(core, {
			type: 'payout.updated',
			object: payout,
			account,
			previousAttributes: { status: 'pending' },
		});
	}
	if (payout.status !== 'in_transit' || core.now() < Number(payout.arrival_date)) return;
	const failureCode = core.store.internals(payout.id).willFailWith as string | undefined;
	if (failureCode) {
		const previous = {
			status: payout.status,
			failure_code: null,
			failure_message: null,
			failure_balance_transaction: null,
		};
		failPayoutNow(core, account, payout, failureCode);
		emitEvent(core, {
			type: 'payout.updated',
			object: payout,
			account,
			previousAttributes: previous,
		});
		emitEvent(core, { type: 'payout.failed', object: payout, account });
		return;
	}
	const previous: Record<string, unknown> = { status: payout.status };
	payout.status = 'paid';
	if (payout.automatic) {
		previous.reconciliation_status = payout.reconciliation_status;
		payout.reconciliation_status = 'completed';
	}
	emitEvent(core, {
		type: 'payout.updated',
		object: payout,
		account,
		previousAttributes: previous,
	});
	emitEvent(core, { type: 'payout.paid', object: payout, account });
	if (payout.automatic) {
		emitEvent(core, {
			type: 'payout.reconciliation_completed',
			object: payout,
			account,
		});
	}
}
