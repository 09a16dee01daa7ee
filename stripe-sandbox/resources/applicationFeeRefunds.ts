import type { SandboxCore } from '../core';
import { mergeMetadata } from '../core';
import { invalidRequest, resourceMissing } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { paginate } from '../pagination';
import type { StripeObject } from '../store';
import type { HandlerContext, RouteTable } from '../types';
import { feeFromPath } from './applicationFees';
import { addBalanceTransaction } from './balanceTransactions';

/** Returns (part of) an application fee to the account that paid it. */
export function refundApplicationFee(
	core: SandboxCore,
	fee: StripeObject,
	amount: number,
	metadata: Record<string, string> = {},
): StripeObject {
	const refundable = Number(fee.amount) - Number(fee.amount_refunded);
	if (amount <= 0 || amount > refundable) {
		throw invalidRequest(
			`Refund amount (${amount}) is greater than the unrefunded amount of application fee ${fee.id} (${refundable}).`,
			'amount_too_large',
			'amount',
		);
	}
	const id = core.ids.next('fr');
	const currency = String(fee.currency);
	const transaction = addBalanceTransaction(core, core.platformAccountId, {
		amount: -amount,
		currency,
		type: 'application_fee_refund',
		source: id,
	});
	addBalanceTransaction(core, String(fee.account), {
		amount,
		currency,
		type: 'application_fee_refund',
		source: id,
	});
	const refund: StripeObject = {
		id,
		object: 'fee_refund',
		amount,
		balance_transaction: transaction.id,
		created: core.now(),
		currency,
		fee: fee.id,
		metadata,
	};
	core.store.put(core.platformAccountId, refund);
	const previous = { amount_refunded: fee.amount_refunded, refunded: fee.refunded };
	fee.amount_refunded = Number(fee.amount_refunded) + amount;
	fee.refunded = fee.amount_refunded === fee.amount;
	const refunds = fee.refunds as { data: StripeObject[] };
	refunds.data = [refund, ...refunds.data];
	emitEvent(core, { type: 'application_fee.refunded', object: fee, previousAttributes: previous });
	return refund;
}

/** The fee refund named by the path, which must belong to the application fee the path names. */
function feeRefundFromPath(context: HandlerContext): StripeObject {
	const fee = feeFromPath(context, 'fee');
	const refund = context.core.store.get(context.account, 'fee_refund', context.pathParams.id);
	if (!refund || refund.fee !== fee.id) throw resourceMissing('fee refund', context.pathParams.id);
	return refund;
}

/** Routes for application fee refunds (`fee_refund` objects). */
export const applicationFeeRefundRoutes: RouteTable = {
	'POST /v1/application_fees/{id}/refunds': (context) => {
		const fee = feeFromPath(context, 'id');
		const amount =
			typeof context.params.amount === 'number'
				? context.params.amount
				: Number(fee.amount) - Number(fee.amount_refunded);
		return present(
			context.core,
			refundApplicationFee(context.core, fee, amount, mergeMetadata({}, context.params.metadata)),
			context.params.expand,
		);
	},
	'GET /v1/application_fees/{id}/refunds': (context) => {
		const fee = feeFromPath(context, 'id');
		const refunds = context.core.store.newestFirst(
			context.account,
			'fee_refund',
			(refund) => refund.fee === fee.id,
		);
		return paginate(context.core, refunds, context.params, context.path, 'fee refund');
	},
	'GET /v1/application_fees/{fee}/refunds/{id}': (context) => {
		const refund = feeRefundFromPath(context);
		return present(context.core, refund, context.params.expand);
	},
	'POST /v1/application_fees/{fee}/refunds/{id}': (context) => {
		const refund = feeRefundFromPath(context);
		refund.metadata = mergeMetadata(refund.metadata, context.params.metadata);
		return present(context.core, refund, context.params.expand);
	},
};
