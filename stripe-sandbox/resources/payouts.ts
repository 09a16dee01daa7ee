import type { SandboxCore } from '../core';
import { clone, mergeMetadata, requirePositiveAmount } from '../core';
import { balanceInsufficient, invalidRequest } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { listFilter } from '../listFilters';
import { paginate } from '../pagination';
import type { HandlerContext, RouteTable } from '../types';
import type { StripeObject } from '../store';
import { balanceIn } from './balance';
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

/** What a payout is made from; the balance transaction debiting it is created alongside. */
export interface PayoutInput {
	amount: number;
	currency: string;
	method?: 'standard' | 'instant';
	automatic?: boolean;
	status?: 'pending' | 'in_transit' | 'paid' | 'failed' | 'canceled';
	arrival_date?: number;
	created?: number;
	description?: string | null;
	metadata?: Record<string, string>;
	statement_descriptor?: string | null;
	reconciliation_status?: 'completed' | 'in_progress' | 'not_applicable';
	/** Makes the payout fail with this code when the clock reaches its arrival date. */
	failure_code?: string;
}

function defaultDestination(core: SandboxCore, account: string): string | null {
	return core.store.list(account, 'bank_account')[0]?.id ?? null;
}

/** Creates a payout and debits the account's balance with the payout's own transaction. */
export function createPayout(core: SandboxCore, account: string, input: PayoutInput): StripeObject {
	const created = input.created ?? core.now();
	const method = input.method ?? 'standard';
	const automatic = input.automatic ?? false;
	const id = core.ids.next('po');
	const transaction = addBalanceTransaction(core, account, {
		amount: -input.amount,
		currency: input.currency,
		type: 'payout',
		source: id,
		created,
		description: automatic ? 'STRIPE PAYOUT' : (input.description ?? null),
	});
	const status = input.status ?? 'pending';
	const payout: StripeObject = {
		id,
		object: 'payout',
		amount: input.amount,
		application_fee: null,
		application_fee_amount: null,
		arrival_date:
			input.arrival_date ?? (method === 'instant' ? created + 1800 : created + 2 * 86400),
		automatic,
		balance_transaction: transaction.id,
		created,
		currency: input.currency,
		description: input.description ?? (automatic ? 'STRIPE PAYOUT' : null),
		destination: defaultDestination(core, account),
		failure_balance_transaction: null,
		failure_code: null,
		failure_message: null,
		livemode: false,
		metadata: { ...(input.metadata ?? {}) },
		method,
		original_payout: null,
		payout_method: null,
		reconciliation_status:
			input.reconciliation_status ??
			(automatic ? (status === 'paid' ? 'completed' : 'in_progress') : 'not_applicable'),
		reversed_by: null,
		source_type: 'card',
		statement_descriptor: input.statement_descriptor ?? null,
		status,
		trace_id: null,
		type: 'bank_account',
	};
	core.store.put(account, payout);
	if (input.failure_code) core.store.internals(id).willFailWith = input.failure_code;
	if (status === 'failed')
		failPayoutNow(core, account, payout, input.failure_code ?? 'could_not_process');
	return payout;
}

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
	const eventAccount = account === core.platformAccountId ? undefined : account;
	if (payout.status === 'pending') {
		payout.status = 'in_transit';
		emitEvent(core, {
			type: 'payout.updated',
			object: payout,
			account: eventAccount,
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
			account: eventAccount,
			previousAttributes: previous,
		});
		emitEvent(core, { type: 'payout.failed', object: payout, account: eventAccount });
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
		account: eventAccount,
		previousAttributes: previous,
	});
	emitEvent(core, { type: 'payout.paid', object: payout, account: eventAccount });
	if (payout.automatic) {
		emitEvent(core, {
			type: 'payout.reconciliation_completed',
			object: payout,
			account: eventAccount,
		});
	}
}

/**
 * Instant payouts go only to an external account that supports them (`available_payout_methods`
 * lists `instant`): the one named, or the account's default.
 */
function checkInstantDestination(
	core: SandboxCore,
	account: string,
	destination: string | undefined,
): void {
	const external = destination
		? core.store.get(account, 'bank_account', destination)
		: core.store.list(account, 'bank_account')[0];
	if (!external) {
		throw invalidRequest(
			destination
				? `No such external account: '${destination}'`
				: 'This account has no external account to pay out to.',
			destination ? 'resource_missing' : undefined,
			'destination',
		);
	}
	const methods = (external.available_payout_methods as string[] | null) ?? [];
	if (!methods.includes('instant')) {
		throw invalidRequest(
			`The external account ${String(external.id)} does not support instant payouts. Use method=standard, or pay out to a debit card or bank account that supports instant payouts.`,
			'instant_payouts_unsupported',
			'destination',
		);
	}
}

function payoutFromPath(context: HandlerContext): StripeObject {
	return context.core.require(context.account, 'payout', context.pathParams.payout, 'payout');
}

/** Routes for payouts: create, list, retrieve, update, cancel, reverse. */
export const payoutRoutes: RouteTable = {
	'POST /v1/payouts': ({ core, account, params, asPlatform }) => {
		const amount = requirePositiveAmount(params.amount);
		const currency = String(params.currency).toLowerCase();
		const method = (params.method as 'standard' | 'instant' | undefined) ?? 'standard';
		if (balanceIn(core, account, currency) < amount) throw balanceInsufficient('payout', currency);
		if (method === 'instant') {
			checkInstantDestination(
				core,
				account,
				typeof params.destination === 'string' ? params.destination : undefined,
			);
		}
		const payout = createPayout(core, account, {
			amount,
			currency,
			method,
			description: typeof params.description === 'string' ? params.description : null,
			metadata: mergeMetadata({}, params.metadata),
			statement_descriptor:
				typeof params.statement_descriptor === 'string' ? params.statement_descriptor : null,
		});
		if (typeof params.destination === 'string') payout.destination = params.destination;
		emitEvent(core, {
			type: 'payout.created',
			object: payout,
			account: asPlatform ? undefined : account,
		});
		return present(core, payout, params.expand);
	},
	'GET /v1/payouts': ({ core, account, params, path }) => {
		const payouts = core.store.newestFirst(
			account,
			'payout',
			listFilter(params, {
				equal: ['status', 'destination'],
				ranges: ['created', 'arrival_date'],
			}),
		);
		return paginate(core, payouts, params, path, 'payout');
	},
	'GET /v1/payouts/{payout}': (context) =>
		present(context.core, payoutFromPath(context), context.params.expand),
	'POST /v1/payouts/{payout}': (context) => {
		const payout = payoutFromPath(context);
		const previous = { metadata: clone(payout.metadata) };
		payout.metadata = mergeMetadata(payout.metadata, context.params.metadata);
		emitEvent(context.core, {
			type: 'payout.updated',
			object: payout,
			account: context.asPlatform ? undefined : context.account,
			previousAttributes: previous,
		});
		return present(context.core, payout, context.params.expand);
	},
	'POST /v1/payouts/{payout}/cancel': (context) => {
		const payout = payoutFromPath(context);
		if (payout.status !== 'pending' || payout.automatic === true) {
			throw invalidRequest(
				`Payouts can only be canceled while they are pending and were created manually. This payout is ${String(payout.status)}.`,
				undefined,
				'payout',
			);
		}
		const returned = addBalanceTransaction(context.core, context.account, {
			amount: Number(payout.amount),
			currency: String(payout.currency),
			type: 'payout_cancel',
			source: payout.id,
		});
		payout.status = 'canceled';
		payout.failure_balance_transaction = returned.id;
		emitEvent(context.core, {
			type: 'payout.canceled',
			object: payout,
			account: context.asPlatform ? undefined : context.account,
			previousAttributes: { status: 'pending' },
		});
		return present(context.core, payout, context.params.expand);
	},
	'POST /v1/payouts/{payout}/reverse': (context) => {
		const payout = payoutFromPath(context);
		if (payout.status !== 'paid' || payout.automatic === true || payout.reversed_by) {
			throw invalidRequest(
				'Only paid manual payouts that have not been reversed can be reversed.',
				undefined,
				'payout',
			);
		}
		const reversal = createPayout(context.core, context.account, {
			amount: -Number(payout.amount),
			currency: String(payout.currency),
			status: 'paid',
			arrival_date: context.core.now(),
			metadata: mergeMetadata({}, context.params.metadata),
		});
		reversal.original_payout = payout.id;
		payout.reversed_by = reversal.id;
		return present(context.core, reversal, context.params.expand);
	},
};

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
