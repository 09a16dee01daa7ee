import type { SandboxCore } from '../core';
import { mergeMetadata } from '../core';
import { invalidRequest, resourceMissing } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { paginate } from '../pagination';
import type { StripeObject } from '../store';
import type { HandlerContext, RouteTable } from '../types';
import { addBalanceTransaction } from './balanceTransactions';
import { transferFromPath } from './transfers';

/** Reverses part or all of a transfer, moving the money back to the platform. */
export function reverseTransfer(
	core: SandboxCore,
	transfer: StripeObject,
	input: { amount?: number; description?: string | null; metadata?: Record<string, string> },
): StripeObject {
	const remaining = Number(transfer.amount) - Number(transfer.amount_reversed);
	const amount = input.amount ?? remaining;
	if (amount <= 0 || amount > remaining) {
		throw invalidRequest(
			`Amount must be no more than ${remaining} (the part of transfer ${transfer.id} not yet reversed).`,
			undefined,
			'amount',
		);
	}
	const id = core.ids.next('trr');
	const platformTransaction = addBalanceTransaction(core, core.platformAccountId, {
		amount,
		currency: String(transfer.currency),
		type: 'transfer_refund',
		source: id,
	});
	const destination = String(transfer.destination);
	const paymentRefundId = core.ids.next('pyr');
	addBalanceTransaction(core, destination, {
		amount: -amount,
		currency: String(transfer.currency),
		type: 'payment_refund',
		source: paymentRefundId,
	});
	const reversal: StripeObject = {
		id,
		object: 'transfer_reversal',
		amount,
		balance_transaction: platformTransaction.id,
		created: core.now(),
		currency: transfer.currency,
		destination_payment_refund: paymentRefundId,
		metadata: { ...(input.metadata ?? {}) },
		source_refund: null,
		transfer: transfer.id,
	};
	core.store.put(core.platformAccountId, reversal);
	const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
	transfer.amount_reversed = Number(transfer.amount_reversed) + amount;
	transfer.reversed = transfer.amount_reversed === transfer.amount;
	const reversals = transfer.reversals as { data: StripeObject[] };
	reversals.data = [reversal, ...reversals.data];
	emitEvent(core, { type: 'transfer.reversed', object: transfer, previousAttributes: previous });
	return reversal;
}

/** The reversal named by the path, which must belong to the transfer the path names. */
function reversalFromPath(context: HandlerContext): StripeObject {
	const transfer = transferFromPath(context, 'transfer');
	const reversal = context.core.require(
		context.account,
		'transfer_reversal',
		context.pathParams.id,
		'transfer reversal',
	);
	if (reversal.transfer !== transfer.id) throw resourceMissing('transfer reversal', reversal.id);
	return reversal;
}

/** Routes for transfer reversals: reverse (part of) a transfer, list, read and update reversals. */
export const transferReversalRoutes: RouteTable = {
	'POST /v1/transfers/{id}/reversals': (context) => {
		const transfer = transferFromPath(context, 'id');
		const reversal = reverseTransfer(context.core, transfer, {
			amount: typeof context.params.amount === 'number' ? context.params.amount : undefined,
			description:
				typeof context.params.description === 'string' ? context.params.description : null,
			metadata: mergeMetadata({}, context.params.metadata),
		});
		return present(context.core, reversal, context.params.expand);
	},
	'GET /v1/transfers/{id}/reversals': (context) => {
		const transfer = transferFromPath(context, 'id');
		const reversals = context.core.store.newestFirst(
			context.account,
			'transfer_reversal',
			(reversal) => reversal.transfer === transfer.id,
		);
		return paginate(context.core, reversals, context.params, context.path, 'transfer reversal');
	},
	'GET /v1/transfers/{transfer}/reversals/{id}': (context) => {
		const reversal = reversalFromPath(context);
		return present(context.core, reversal, context.params.expand);
	},
	'POST /v1/transfers/{transfer}/reversals/{id}': (context) => {
		const reversal = reversalFromPath(context);
		if (context.params.metadata !== undefined)
			reversal.metadata = mergeMetadata(reversal.metadata, context.params.metadata);
		return present(context.core, reversal, context.params.expand);
	},
};
