import type { SandboxCore } from '../core';
import { mergeMetadata, requirePositiveAmount } from '../core';
import { balanceInsufficient, invalidRequest } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { listRoute, metadataUpdateRoute, objectInPath, retrieveRoute } from '../objectRoutes';
import type { RouteTable } from '../types';
import type { StripeObject } from '../store';
import { balanceIn } from './balance';
import { addBalanceTransaction } from './balanceTransactions';
import { failPayoutNow } from './payoutSettlement';

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

const payoutFromPath = objectInPath('payout', 'payout');

/** Routes for payouts: create, list, retrieve, update, cancel, reverse. */
export const payoutRoutes: RouteTable = {
	'POST /v1/payouts': ({ core, account, params }) => {
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
			account,
		});
		return present(core, payout, params.expand);
	},
	'GET /v1/payouts': listRoute('payout', 'payout', {
		equal: ['status', 'destination'],
		ranges: ['created', 'arrival_date'],
	}),
	'GET /v1/payouts/{payout}': retrieveRoute(payoutFromPath),
	'POST /v1/payouts/{payout}': metadataUpdateRoute(payoutFromPath, 'payout.updated'),
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
			account: context.account,
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
