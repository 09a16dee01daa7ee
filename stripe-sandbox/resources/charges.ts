import type { SandboxCore } from '../core';
import { SANDBOX_APPLICATION_ID, ZERO_DECIMAL_CURRENCIES } from '../core';
import { emitEvent } from '../events';
import { listRoute, objectInPath, retrieveRoute } from '../objectRoutes';
import type { RouteTable } from '../types';
import type { StripeObject } from '../store';
import { addBalanceTransaction } from './balanceTransactions';
import { createTransfer } from './transfers';

/** Days before a card charge's funds become available, as for a new US account. */
export const CHARGE_AVAILABILITY_DAYS = 2;

/** Stripe's standard card fee: 2.9% + 30 minor units (3.6% for zero-decimal currencies). */
export function stripeFee(amount: number, currency: string): number {
	const fee = ZERO_DECIMAL_CURRENCIES.has(currency)
		? Math.round(amount * 0.036)
		: Math.round(amount * 0.029) + 30;
	return Math.min(fee, amount);
}

/** What a charge is made from (a confirmed payment intent, or a scenario builder). */
export interface ChargeInput {
	amount: number;
	currency: string;
	/** The account the charge is made on: the platform, or a connected account for direct charges. */
	account: string;
	payment_intent?: string | null;
	payment_method?: string | null;
	customer?: string | null;
	description?: string | null;
	metadata?: Record<string, string>;
	application_fee_amount?: number | null;
	transfer_data?: { destination: string; amount?: number } | null;
	transfer_group?: string | null;
	on_behalf_of?: string | null;
	captured: boolean;
	/** Funds available at once (test card pm_card_bypassPending). */
	bypassPending?: boolean;
	created?: number;
}

/** What every charge is made of; the rest of its fields start as `newChargeObject` sets them. */
export interface ChargeBasics {
	id: string;
	amount: number;
	currency: string;
	created: number;
}

/**
 * A charge with every field the pinned version's Charge always sends, each as Stripe sends it when
 * nothing sets it (mostly null), then `fields` over them. Card charges and the destination payments
 * (`py_…`) that transfers make on connected accounts both start here.
 */
export function newChargeObject({
	id,
	amount,
	currency,
	created,
	...fields
}: ChargeBasics & Partial<StripeObject>): StripeObject {
	return {
		id,
		object: 'charge',
		amount,
		amount_captured: 0,
		amount_refunded: 0,
		application: null,
		application_fee: null,
		application_fee_amount: null,
		balance_transaction: null,
		billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
		calculated_statement_descriptor: null,
		captured: false,
		created,
		currency,
		customer: null,
		description: null,
		disputed: false,
		failure_balance_transaction: null,
		failure_code: null,
		failure_message: null,
		fraud_details: {},
		livemode: false,
		metadata: {},
		on_behalf_of: null,
		outcome: null,
		paid: true,
		payment_intent: null,
		payment_method: null,
		payment_method_details: null,
		receipt_email: null,
		receipt_number: null,
		receipt_url: null,
		refunded: false,
		review: null,
		shipping: null,
		source: null,
		source_transfer: null,
		statement_descriptor: null,
		statement_descriptor_suffix: null,
		status: 'succeeded',
		transfer_data: null,
		transfer_group: null,
		...fields,
	};
}

/** Creates a successful charge; when captured, its funds, destination transfer and application fee follow. */
export function createCharge(core: SandboxCore, input: ChargeInput): StripeObject {
	const charge = newChargeObject({
		id: core.ids.next('ch'),
		amount: input.amount,
		currency: input.currency,
		created: input.created ?? core.now(),
		application_fee_amount: input.application_fee_amount ?? null,
		calculated_statement_descriptor: 'SANDBOX MARKETPLACE',
		customer: input.customer ?? null,
		description: input.description ?? null,
		metadata: { ...(input.metadata ?? {}) },
		on_behalf_of: input.on_behalf_of ?? null,
		outcome: {
			advice_code: null,
			network_advice_code: null,
			network_decline_code: null,
			network_status: 'approved_by_network',
			reason: null,
			risk_level: 'normal',
			risk_score: 20,
			seller_message: 'Payment complete.',
			type: 'authorized',
		},
		payment_intent: input.payment_intent ?? null,
		payment_method: input.payment_method ?? null,
		transfer_data: input.transfer_data
			? { amount: input.transfer_data.amount ?? null, destination: input.transfer_data.destination }
			: null,
		transfer_group: input.transfer_group ?? null,
	});
	core.store.put(input.account, charge);
	const internals = core.store.internals(charge.id);
	internals.bypassPending = input.bypassPending === true;
	emitEvent(core, { type: 'charge.succeeded', object: charge, account: input.account });
	if (input.captured) {
		captureCharge(
			core,
			input.account,
			charge,
			input.amount,
			input.application_fee_amount ?? null,
			Number(charge.created),
		);
	}
	return charge;
}

/**
 * Captures (part of) a charge: the `charge` transaction of the account it is made on (pending for two
 * days unless bypassed), then for destination charges the transfer to the destination and the
 * application fee; a direct charge's application fee is taken from the connected account's own
 * transaction (its fee_details list it beside Stripe's fee) and credited to the platform.
 */
export function captureCharge(
	core: SandboxCore,
	account: string,
	charge: StripeObject,
	amount: number,
	applicationFeeAmount: number | null,
	capturedAt = core.now(),
): void {
	const currency = String(charge.currency);
	const bypass = core.store.internals(charge.id).bypassPending === true;
	const availableOn = bypass ? capturedAt : capturedAt + CHARGE_AVAILABILITY_DAYS * 86400;
	const timing = {
		status: availableOn > core.now() ? ('pending' as const) : ('available' as const),
		available_on: availableOn,
		created: capturedAt,
	};
	// A direct charge's application fee leaves the connected account in the charge's own transaction.
	const isDirect = account !== core.platformAccountId && !charge.transfer_data;
	const transaction = addBalanceTransaction(core, account, {
		amount,
		fee: stripeFee(amount, currency),
		...(isDirect && applicationFeeAmount ? { applicationFee: applicationFeeAmount } : {}),
		currency,
		type: 'charge',
		source: charge.id,
		description: charge.description as string | null,
		...timing,
	});
	charge.captured = true;
	charge.amount_captured = amount;
	charge.application_fee_amount = applicationFeeAmount;
	charge.balance_transaction = transaction.id;
	const transferData = charge.transfer_data as {
		destination: string;
		amount: number | null;
	} | null;
	if (transferData) {
		const fee = applicationFeeAmount ?? 0;
		const transfer = createTransfer(core, {
			amount: transferData.amount ?? amount,
			currency,
			destination: transferData.destination,
			transfer_group:
				(charge.transfer_group as string | null) ??
				`group_${String(charge.payment_intent ?? charge.id)}`,
			source_transaction: charge.id,
			fromCharge: true,
			pendingUntil: availableOn,
			created: capturedAt,
			applicationFee: transferData.amount === null ? fee : 0,
		});
		charge.transfer = transfer.id;
		if (charge.transfer_group === null) charge.transfer_group = transfer.transfer_group;
		if (transferData.amount === null && fee > 0) {
			charge.application_fee = createApplicationFee(
				core,
				charge,
				transferData.destination,
				fee,
				timing,
			).id;
		}
	} else if (isDirect && applicationFeeAmount) {
		charge.application_fee = createApplicationFee(
			core,
			charge,
			account,
			applicationFeeAmount,
			timing,
		).id;
	}
	emitEvent(core, { type: 'charge.captured', object: charge, account });
}

function createApplicationFee(
	core: SandboxCore,
	charge: StripeObject,
	payingAccount: string,
	amount: number,
	timing: { status: 'available' | 'pending'; available_on: number; created: number },
): StripeObject {
	const id = core.ids.next('fee');
	const transaction = addBalanceTransaction(core, core.platformAccountId, {
		amount,
		currency: String(charge.currency),
		type: 'application_fee',
		source: id,
		...timing,
	});
	const fee: StripeObject = {
		id,
		object: 'application_fee',
		account: payingAccount,
		amount,
		amount_refunded: 0,
		application: SANDBOX_APPLICATION_ID,
		balance_transaction: transaction.id,
		charge: charge.id,
		created: timing.created,
		currency: charge.currency,
		fee_source: { charge: charge.id, type: 'charge' },
		livemode: false,
		originating_transaction: null,
		refunded: false,
		refunds: {
			object: 'list',
			data: [],
			has_more: false,
			url: `/v1/application_fees/${id}/refunds`,
		},
	};
	core.store.put(core.platformAccountId, fee);
	emitEvent(core, { type: 'application_fee.created', object: fee });
	return fee;
}

/** Routes for reading charges (they are made through payment intents). */
export const chargeRoutes: RouteTable = {
	'GET /v1/charges': listRoute('charge', 'charge', {
		equal: ['payment_intent', 'customer', 'transfer_group'],
	}),
	'GET /v1/charges/{charge}': retrieveRoute(objectInPath('charge', 'charge', 'charge', 'charge')),
};
