import type { SandboxCore } from '../core';
import { clone, mergeMetadata, requirePositiveAmount, SANDBOX_APPLICATION_ID } from '../core';
import { balanceInsufficient, invalidRequest, missingParam, missingReference } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { listRoute, objectInPath, retrieveRoute } from '../objectRoutes';
import type { RouteTable } from '../types';
import type { StripeObject } from '../store';
import { balanceIn } from './balance';
import { addBalanceTransaction } from './balanceTransactions';
import { newChargeObject } from './charges';

/** What a transfer is made from. */
export interface TransferInput {
	amount: number;
	currency: string;
	destination: string;
	transfer_group?: string | null;
	description?: string | null;
	metadata?: Record<string, string>;
	source_transaction?: string | null;
	/** Skips the available-balance check (destination charges pay out of the charge itself). */
	fromCharge?: boolean;
	/** Funds follow the charge they come from: pending until this time (unix seconds). */
	pendingUntil?: number;
	/** The application fee kept from the destination payment (shown as its fee). */
	applicationFee?: number;
	/** When the transfer happened (default: now). */
	created?: number;
}

/**
 * A transfer with `source_transaction` is paid from that platform charge: it must exist, be in the
 * transfer's currency and cover the amount; its funds follow the charge's availability.
 */
function chargeFundsAvailableOn(core: SandboxCore, input: TransferInput): number | undefined {
	const chargeId = input.source_transaction as string;
	const charge = core.store.get(core.platformAccountId, 'charge', chargeId);
	if (!charge) throw missingReference('charge', chargeId, 'source_transaction');
	if (charge.currency !== input.currency) {
		throw invalidRequest(
			`The currency of source_transaction's balance transaction (${String(charge.currency)}) must be the same as the transfer currency (${input.currency}).`,
			undefined,
			'currency',
		);
	}
	const transferred = core.store
		.list(core.platformAccountId, 'transfer')
		.filter((transfer) => transfer.source_transaction === chargeId)
		.reduce((sum, transfer) => sum + Number(transfer.amount) - Number(transfer.amount_reversed), 0);
	const left = Number(charge.amount_captured) - Number(charge.amount_refunded) - transferred;
	if (input.amount > left) {
		throw invalidRequest(
			`Insufficient funds in the source_transaction: ${left} ${input.currency} is left of charge ${chargeId}, ${input.amount} was asked for.`,
			'balance_insufficient',
			'amount',
		);
	}
	const transaction = core.store.find(String(charge.balance_transaction))?.object;
	return transaction ? Number(transaction.available_on) : undefined;
}

/** Moves money from the platform to a connected account, as POST /v1/transfers does. */
export function createTransfer(core: SandboxCore, input: TransferInput): StripeObject {
	const destination = core.account(input.destination);
	if (!destination || input.destination === core.platformAccountId) {
		throw missingReference('destination', input.destination, 'destination');
	}
	const capabilities = destination.capabilities as Record<string, string>;
	if (capabilities.transfers !== 'active' && capabilities.legacy_payments !== 'active') {
		throw invalidRequest(
			'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
			'insufficient_capabilities_for_transfer',
			'destination',
		);
	}
	if (
		!input.fromCharge &&
		!input.source_transaction &&
		balanceIn(core, core.platformAccountId, input.currency) < input.amount
	) {
		throw balanceInsufficient('transfer', input.currency);
	}
	if (input.source_transaction && !input.fromCharge) {
		input = { ...input, pendingUntil: chargeFundsAvailableOn(core, input) };
	}
	const id = core.ids.next('tr');
	const pending = input.pendingUntil !== undefined && input.pendingUntil > core.now();
	const created = input.created ?? core.now();
	const timing = pending
		? { status: 'pending' as const, available_on: input.pendingUntil, created }
		: { status: 'available' as const, created };
	const platformTransaction = addBalanceTransaction(core, core.platformAccountId, {
		amount: -input.amount,
		currency: input.currency,
		type: 'transfer',
		source: id,
		description: input.description ?? null,
		...timing,
	});
	const paymentId = core.ids.next('py');
	// The destination payment: a charge on the connected account, paid from the platform's Stripe
	// balance (payment method type `stripe_account`), made by the platform's Connect application.
	// Card-only fields (outcome, statement descriptors) and the legacy `source` stay null.
	const payment = newChargeObject({
		id: paymentId,
		amount: input.amount,
		currency: input.currency,
		created,
		amount_captured: input.amount,
		application: SANDBOX_APPLICATION_ID,
		captured: true,
		payment_method_details: { stripe_account: {}, type: 'stripe_account' },
		source_transfer: id,
	});
	const paymentTransaction = addBalanceTransaction(core, destination.id, {
		amount: input.amount,
		currency: input.currency,
		type: 'payment',
		source: paymentId,
		fee: input.applicationFee ?? 0,
		feeType: 'application_fee',
		...timing,
	});
	payment.balance_transaction = paymentTransaction.id;
	core.store.put(destination.id, payment);
	const transfer: StripeObject = {
		id,
		object: 'transfer',
		amount: input.amount,
		amount_reversed: 0,
		balance_transaction: platformTransaction.id,
		created,
		currency: input.currency,
		description: input.description ?? null,
		destination: destination.id,
		destination_payment: paymentId,
		livemode: false,
		metadata: { ...(input.metadata ?? {}) },
		reversals: {
			object: 'list',
			data: [],
			has_more: false,
			url: `/v1/transfers/${id}/reversals`,
		},
		reversed: false,
		source_transaction: input.source_transaction ?? null,
		source_type: 'card',
		transfer_group: input.transfer_group ?? null,
	};
	core.store.put(core.platformAccountId, transfer);
	emitEvent(core, { type: 'transfer.created', object: transfer });
	return transfer;
}

/** The transfer named by `/v1/transfers/{transfer}…`, or Stripe's 404. */
export const transferFromPath = objectInPath('transfer', 'transfer');

/** The transfer named by `/v1/transfers/{id}/reversals`, or Stripe's 404. */
export const reversedTransferFromPath = objectInPath('transfer', 'id', 'transfer', 'transfer');

/** Routes for transfers: create, list, read and update (reversals live in transferReversals.ts). */
export const transferRoutes: RouteTable = {
	'POST /v1/transfers': ({ core, params }) => {
		if (params.amount === undefined) throw missingParam('amount');
		const transfer = createTransfer(core, {
			amount: requirePositiveAmount(params.amount),
			currency: String(params.currency).toLowerCase(),
			destination: String(params.destination),
			transfer_group: typeof params.transfer_group === 'string' ? params.transfer_group : null,
			description: typeof params.description === 'string' ? params.description : null,
			metadata: mergeMetadata({}, params.metadata),
			source_transaction:
				typeof params.source_transaction === 'string' ? params.source_transaction : null,
		});
		return present(core, transfer, params.expand);
	},
	'GET /v1/transfers': listRoute('transfer', 'transfer', {
		equal: ['destination', 'transfer_group'],
	}),
	'GET /v1/transfers/{transfer}': retrieveRoute(transferFromPath),
	'POST /v1/transfers/{transfer}': (context) => {
		const transfer = transferFromPath(context);
		const previous: Record<string, unknown> = {};
		if (context.params.metadata !== undefined) {
			previous.metadata = clone(transfer.metadata);
			transfer.metadata = mergeMetadata(transfer.metadata, context.params.metadata);
		}
		if (context.params.description !== undefined) {
			previous.description = transfer.description;
			transfer.description = context.params.description || null;
		}
		emitEvent(context.core, {
			type: 'transfer.updated',
			object: transfer,
			previousAttributes: previous,
		});
		return present(context.core, transfer, context.params.expand);
	},
};
