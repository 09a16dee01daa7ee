import type { SandboxCore } from '../core';
import { mergeMetadata } from '../core';
import { invalidRequest, missingReference } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { listRoute, metadataUpdateRoute, objectInPath, retrieveRoute } from '../objectRoutes';
import type { RouteTable } from '../types';
import type { StripeObject } from '../store';
import { refundApplicationFee } from './applicationFeeRefunds';
import { addBalanceTransaction } from './balanceTransactions';
import { reverseTransfer } from './transferReversals';

/** What a refund is made from. */
export interface RefundInput {
	charge?: string;
	payment_intent?: string;
	amount?: number;
	reason?: string | null;
	metadata?: Record<string, string>;
	reverse_transfer?: boolean;
	refund_application_fee?: boolean;
}

function chargeToRefund(core: SandboxCore, account: string, input: RefundInput): StripeObject {
	if (input.payment_intent) {
		const intent = core.store.get(account, 'payment_intent', input.payment_intent);
		if (!intent) throw missingReference('payment_intent', input.payment_intent, 'payment_intent');
		if (!intent.latest_charge || intent.status !== 'succeeded') {
			throw invalidRequest(
				`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
				'charge_not_refundable',
				'payment_intent',
			);
		}
		return core.require(account, 'charge', String(intent.latest_charge), 'charge', 'charge');
	}
	if (input.charge) {
		const charge = core.store.get(account, 'charge', input.charge);
		if (!charge) throw missingReference('charge', input.charge, 'charge');
		return charge;
	}
	throw invalidRequest(
		'One of the following params should be provided for this request: payment_intent or charge.',
		'parameter_missing',
	);
}

/**
 * The charge's destination transfer or application fee (`linked`) and the part of it that goes back
 * with a refund: the refund's share of the captured amount, rounded, never more than what is left
 * of it (`returnedField` holds what already went back).
 */
function linkedShare(
	core: SandboxCore,
	charge: StripeObject,
	linked: 'transfer' | 'application_fee',
	returnedField: 'amount_reversed' | 'amount_refunded',
	refundAmount: number,
): { object: StripeObject; share: number } {
	const object = core.require(core.platformAccountId, linked, String(charge[linked]));
	const share = Math.round((refundAmount * Number(object.amount)) / Number(charge.amount_captured));
	return { object, share: Math.min(share, Number(object.amount) - Number(object[returnedField])) };
}

/** Refunds (part of) a charge, optionally reversing its destination transfer and application fee in proportion. */
export function createRefund(core: SandboxCore, account: string, input: RefundInput): StripeObject {
	const charge = chargeToRefund(core, account, input);
	const refundable = Number(charge.amount_captured) - Number(charge.amount_refunded);
	if (refundable <= 0)
		throw invalidRequest(
			`Charge ${charge.id} has already been refunded.`,
			'charge_already_refunded',
			'charge',
		);
	const amount = input.amount ?? refundable;
	if (amount > refundable) {
		throw invalidRequest(
			`Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable})`,
			'amount_too_large',
			'amount',
		);
	}
	const currency = String(charge.currency);
	const id = core.ids.next('re');
	const transaction = addBalanceTransaction(core, account, {
		amount: -amount,
		currency,
		type: 'refund',
		source: id,
	});
	let transferReversal: string | null = null;
	if (input.reverse_transfer && charge.transfer) {
		const { object, share } = linkedShare(core, charge, 'transfer', 'amount_reversed', amount);
		if (share > 0) transferReversal = reverseTransfer(core, object, { amount: share }).id;
	}
	if (input.refund_application_fee && charge.application_fee) {
		const { object, share } = linkedShare(
			core,
			charge,
			'application_fee',
			'amount_refunded',
			amount,
		);
		if (share > 0) refundApplicationFee(core, object, share);
	}
	const refund: StripeObject = {
		id,
		object: 'refund',
		amount,
		balance_transaction: transaction.id,
		charge: charge.id,
		created: core.now(),
		currency,
		customer: charge.customer ?? null,
		customer_account: null,
		metadata: { ...(input.metadata ?? {}) },
		payment_intent: charge.payment_intent ?? null,
		payment_method: charge.payment_method ?? null,
		reason: input.reason ?? null,
		receipt_number: null,
		source_transfer_reversal: null,
		status: 'succeeded',
		transfer_reversal: transferReversal,
	};
	core.store.put(account, refund);
	const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
	charge.amount_refunded = Number(charge.amount_refunded) + amount;
	charge.refunded = charge.amount_refunded === charge.amount_captured;
	emitEvent(core, { type: 'refund.created', object: refund, account });
	emitEvent(core, {
		type: 'charge.refunded',
		object: charge,
		account,
		previousAttributes: previous,
	});
	return refund;
}

const refundFromPath = objectInPath('refund', 'refund', 'refund', 'refund');

/** Routes for refunds: create, list, retrieve, update, cancel. */
export const refundRoutes: RouteTable = {
	'POST /v1/refunds': ({ core, account, params }) => {
		const refund = createRefund(core, account, {
			charge: typeof params.charge === 'string' ? params.charge : undefined,
			payment_intent: typeof params.payment_intent === 'string' ? params.payment_intent : undefined,
			amount: typeof params.amount === 'number' ? params.amount : undefined,
			reason: typeof params.reason === 'string' ? params.reason : null,
			metadata: mergeMetadata({}, params.metadata),
			reverse_transfer: params.reverse_transfer === true,
			refund_application_fee: params.refund_application_fee === true,
		});
		return present(core, refund, params.expand);
	},
	'GET /v1/refunds': listRoute('refund', 'refund', { equal: ['charge', 'payment_intent'] }),
	'GET /v1/refunds/{refund}': retrieveRoute(refundFromPath),
	'POST /v1/refunds/{refund}': metadataUpdateRoute(refundFromPath, 'refund.updated'),
	'POST /v1/refunds/{refund}/cancel': (context) => {
		const refund = refundFromPath(context);
		if (refund.status !== 'requires_action') {
			throw invalidRequest(
				`Can't cancel a refund that is ${String(refund.status)}. Only refunds with status requires_action can be canceled.`,
				undefined,
				'refund',
			);
		}
		refund.status = 'canceled';
		return present(context.core, refund, context.params.expand);
	},
};
