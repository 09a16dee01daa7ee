import type { SandboxCore } from '../core';
import { SANDBOX_APPLICATION_ID } from '../core';
import { invalidRequest } from '../errors';
import type { StripeObject } from '../store';
import { objectInPath, retrieveRoute } from '../objectRoutes';
import { allOf, listFilter } from '../listFilters';
import { paginate } from '../pagination';
import type { HandlerContext, RouteTable } from '../types';

const REPORTING_CATEGORIES: Record<string, string> = {
	charge: 'charge',
	payment: 'charge',
	refund: 'refund',
	payment_refund: 'refund',
	adjustment: 'other_adjustment',
	application_fee: 'fee',
	application_fee_refund: 'fee',
	transfer: 'transfer',
	transfer_refund: 'transfer_reversal',
	payout: 'payout',
	payout_failure: 'payout_reversal',
	payout_cancel: 'payout_reversal',
	stripe_fee: 'fee',
	dispute: 'dispute',
	dispute_reversal: 'dispute_reversal',
};

/** What a balance transaction needs; everything else is derived. */
export interface BalanceTransactionInput {
	amount: number;
	currency: string;
	type: string;
	fee?: number;
	/** Who took the fee: Stripe (default) or the platform (`application_fee`). */
	feeType?: 'stripe_fee' | 'application_fee';
	/** The platform's application fee taken on top of Stripe's fee (a direct charge's transaction). */
	applicationFee?: number;
	source?: string | null;
	description?: string | null;
	/** 'pending' until `available_on`, when advancing the clock makes it available. */
	status?: 'available' | 'pending';
	available_on?: number;
	created?: number;
	/** The automatic payout that paid this transaction out (filled by `?payout=`). */
	payout?: string;
}

/** Records a balance transaction on an account; balances are always the sum of these. */
export function addBalanceTransaction(
	core: SandboxCore,
	account: string,
	input: BalanceTransactionInput,
): StripeObject {
	const ownFee = input.fee ?? 0;
	const applicationFee = input.applicationFee ?? 0;
	const fee = ownFee + applicationFee;
	const created = input.created ?? core.now();
	const status = input.status ?? 'available';
	const transaction: StripeObject = {
		id: core.ids.next('txn'),
		object: 'balance_transaction',
		amount: input.amount,
		available_on: input.available_on ?? (status === 'pending' ? created + 2 * 86400 : created),
		// Every balance the sandbox keeps is the payments balance (no Issuing, no reserves).
		balance_type: 'payments',
		created,
		currency: input.currency,
		description: input.description ?? null,
		exchange_rate: null,
		fee,
		fee_details: [
			...(applicationFee
				? [
						{
							amount: applicationFee,
							application: SANDBOX_APPLICATION_ID,
							currency: input.currency,
							description: 'Application fee',
							type: 'application_fee',
						},
					]
				: []),
			...(ownFee
				? [
						{
							amount: ownFee,
							application: input.feeType === 'application_fee' ? SANDBOX_APPLICATION_ID : null,
							currency: input.currency,
							description:
								input.feeType === 'application_fee' ? 'Application fee' : 'Stripe processing fees',
							type: input.feeType ?? 'stripe_fee',
						},
					]
				: []),
		],
		net: input.amount - fee,
		reporting_category: REPORTING_CATEGORIES[input.type] ?? 'other_adjustment',
		source: input.source ?? null,
		status,
		type: input.type,
	};
	core.store.put(account, transaction);
	if (input.payout) core.store.internals(transaction.id).payout = input.payout;
	return transaction;
}

/** The automatic payout a balance transaction was paid out in, if any. */
export function payoutOfTransaction(
	core: SandboxCore,
	transaction: StripeObject,
): string | undefined {
	return core.store.internals(transaction.id).payout as string | undefined;
}

/** Routes for /v1/balance_transactions. */
export const balanceTransactionRoutes: RouteTable = {
	'GET /v1/balance_transactions': listBalanceTransactions,
	'GET /v1/balance_transactions/{id}': retrieveRoute(objectInPath('balance_transaction', 'id')),
};

function listBalanceTransactions({ core, account, params, path }: HandlerContext) {
	if (typeof params.payout === 'string') {
		// Stripe attributes transactions only to automatic payouts; others give an error.
		const payout = core.require(account, 'payout', params.payout, 'payout', 'payout');
		if (payout.automatic !== true) {
			throw invalidPayoutFilter(params.payout);
		}
	}
	const transactions = core.store.newestFirst(
		account,
		'balance_transaction',
		allOf(
			listFilter(params, { equal: ['type', 'currency', 'source'] }),
			params.payout === undefined
				? undefined
				: (transaction) => belongsToPayout(core, transaction, params.payout),
		),
	);
	return paginate(core, transactions, params, path, 'balance transaction');
}

function belongsToPayout(core: SandboxCore, transaction: StripeObject, payout: unknown): boolean {
	// The list for a payout holds what it paid out and the payout's own (negative) transaction.
	return (
		payoutOfTransaction(core, transaction) === payout ||
		(transaction.type === 'payout' && transaction.source === payout)
	);
}

function invalidPayoutFilter(payout: string) {
	return invalidRequest(
		`Balance transaction history can only be filtered on automatic transfers, not manual. (payout: ${payout})`,
		undefined,
		'payout',
	);
}
