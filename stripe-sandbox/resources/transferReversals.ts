import type { SandboxCore } from '../core';
import { mergeMetadata } from '../core';
import { invalidRequest } from '../errors';
import { present } from '../expand';
import { recordReturn } from '../returnedMoney';
import { childInPath, childListRoute, metadataUpdateRoute, retrieveRoute } from '../objectRoutes';
import type { NestedKind } from '../objectRoutes';
import type { StripeObject } from '../store';
import type { RouteTable } from '../types';
import { addBalanceTransaction } from './balanceTransactions';
import { reversedTransferFromPath, transferFromPath } from './transfers';

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
	recordReturn(core, transfer, reversal, amount, {
		total: 'amount_reversed',
		whollyReturned: 'reversed',
		list: 'reversals',
		event: 'transfer.reversed',
	});
	return reversal;
}

const REVERSALS: NestedKind = {
	kind: 'transfer_reversal',
	parentField: 'transfer',
	noun: 'transfer reversal',
};

/** The reversal named by the path, which must belong to the transfer the path names. */
const reversalFromPath = childInPath(transferFromPath, REVERSALS);

/** Routes for transfer reversals: reverse (part of) a transfer, list, read and update reversals. */
export const transferReversalRoutes: RouteTable = {
	'POST /v1/transfers/{id}/reversals': (context) => {
		const transfer = reversedTransferFromPath(context);
		const reversal = reverseTransfer(context.core, transfer, {
			amount: typeof context.params.amount === 'number' ? context.params.amount : undefined,
			description:
				typeof context.params.description === 'string' ? context.params.description : null,
			metadata: mergeMetadata({}, context.params.metadata),
		});
		return present(context.core, reversal, context.params.expand);
	},
	'GET /v1/transfers/{id}/reversals': childListRoute(reversedTransferFromPath, REVERSALS),
	'GET /v1/transfers/{transfer}/reversals/{id}': retrieveRoute(reversalFromPath),
	'POST /v1/transfers/{transfer}/reversals/{id}': metadataUpdateRoute(reversalFromPath),
};
