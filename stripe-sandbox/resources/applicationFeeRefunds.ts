import type { SandboxCore } from '../core';
import { mergeMetadata } from '../core';
import { invalidRequest } from '../errors';
import { present } from '../expand';
import { recordReturn } from '../returnedMoney';
import { childInPath, childListRoute, metadataUpdateRoute, retrieveRoute } from '../objectRoutes';
import type { NestedKind } from '../objectRoutes';
import type { StripeObject } from '../store';
import type { RouteTable } from '../types';
import { feeFromPath, refundedFeeFromPath } from './applicationFees';
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
	recordReturn(core, fee, refund, amount, {
		total: 'amount_refunded',
		whollyReturned: 'refunded',
		list: 'refunds',
		event: 'application_fee.refunded',
	});
	return refund;
}

const FEE_REFUNDS: NestedKind = { kind: 'fee_refund', parentField: 'fee', noun: 'fee refund' };

/** The fee refund named by the path, which must belong to the application fee the path names. */
const feeRefundFromPath = childInPath(refundedFeeFromPath, FEE_REFUNDS);

/** Routes for application fee refunds (`fee_refund` objects). */
export const applicationFeeRefundRoutes: RouteTable = {
	'POST /v1/application_fees/{id}/refunds': (context) => {
		const fee = feeFromPath(context);
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
	'GET /v1/application_fees/{id}/refunds': childListRoute(feeFromPath, FEE_REFUNDS),
	'GET /v1/application_fees/{fee}/refunds/{id}': retrieveRoute(feeRefundFromPath),
	'POST /v1/application_fees/{fee}/refunds/{id}': metadataUpdateRoute(feeRefundFromPath),
};
