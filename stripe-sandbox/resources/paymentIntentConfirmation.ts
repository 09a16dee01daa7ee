import type { SandboxCore } from '../core';
import { clone, mergeMetadata } from '../core';
import { invalidRequest, StripeApiError } from '../errors';
import { emitEvent } from '../events';
import type { Params } from '../openapi/validateRequest';
import type { StripeObject } from '../store';
import { captureCharge, createCharge } from './charges';
import { createDispute } from './disputes';

/** Stripe's test payment methods the sandbox understands, and what each does when confirmed. */
export const TEST_PAYMENT_METHODS: Record<
	string,
	{ outcome: 'succeed' | 'decline' | 'dispute'; decline_code?: string; bypassPending?: boolean }
> = {
	pm_card_visa: { outcome: 'succeed' },
	pm_card_mastercard: { outcome: 'succeed' },
	pm_card_amex: { outcome: 'succeed' },
	pm_card_bypassPending: { outcome: 'succeed', bypassPending: true },
	pm_card_createDispute: { outcome: 'dispute' },
	pm_card_chargeDeclined: { outcome: 'decline', decline_code: 'generic_decline' },
	pm_card_visa_chargeDeclined: { outcome: 'decline', decline_code: 'generic_decline' },
	pm_card_chargeDeclinedInsufficientFunds: {
		outcome: 'decline',
		decline_code: 'insufficient_funds',
	},
	pm_card_visa_chargeDeclinedInsufficientFunds: {
		outcome: 'decline',
		decline_code: 'insufficient_funds',
	},
};

/** Confirms a payment intent with a test payment method: succeeds, declines (402) or succeeds and is disputed. */
export function confirmPaymentIntent(
	core: SandboxCore,
	account: string,
	intent: StripeObject,
	paymentMethod?: string,
): StripeObject {
	if (!['requires_payment_method', 'requires_confirmation'].includes(String(intent.status))) {
		throw invalidRequest(
			`This PaymentIntent's status is ${String(intent.status)}, so it cannot be confirmed.`,
			'payment_intent_unexpected_state',
		);
	}
	const testMethod =
		paymentMethod ?? (core.store.internals(intent.id).testPaymentMethod as string | undefined);
	if (!testMethod) {
		throw invalidRequest(
			"You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a test card, pass payment_method=pm_card_visa.",
			'payment_intent_unexpected_state',
			'payment_method',
		);
	}
	const behaviour = TEST_PAYMENT_METHODS[testMethod];
	if (!behaviour)
		throw invalidRequest(
			`No such PaymentMethod: '${testMethod}'`,
			'resource_missing',
			'payment_method',
		);
	const paymentMethodId = core.ids.next('pm');
	core.store.internals(intent.id).testPaymentMethod = testMethod;
	intent.payment_method = paymentMethodId;
	if (behaviour.outcome === 'decline') {
		const error = {
			type: 'card_error',
			code: 'card_declined',
			decline_code: behaviour.decline_code,
			doc_url: 'https://stripe.com/docs/error-codes/card-declined',
			message:
				behaviour.decline_code === 'insufficient_funds'
					? 'Your card has insufficient funds.'
					: 'Your card was declined.',
		};
		intent.status = 'requires_payment_method';
		intent.payment_method = null;
		intent.last_payment_error = { ...error, payment_method: null };
		emitEvent(core, {
			type: 'payment_intent.payment_failed',
			object: intent,
			account,
		});
		throw new StripeApiError(402, { ...error, payment_intent: clone(intent) } as never);
	}
	const manual = intent.capture_method === 'manual';
	const charge = createCharge(core, {
		amount: Number(intent.amount),
		currency: String(intent.currency),
		account,
		payment_intent: intent.id,
		payment_method: paymentMethodId,
		customer: intent.customer as string | null,
		description: intent.description as string | null,
		metadata: intent.metadata as Record<string, string>,
		application_fee_amount: intent.application_fee_amount as number | null,
		transfer_data: intent.transfer_data as { destination: string; amount?: number } | null,
		transfer_group: intent.transfer_group as string | null,
		on_behalf_of: intent.on_behalf_of as string | null,
		captured: !manual,
		bypassPending: behaviour.bypassPending,
	});
	intent.latest_charge = charge.id;
	if (manual) {
		intent.status = 'requires_capture';
		intent.amount_capturable = intent.amount;
		emitEvent(core, {
			type: 'payment_intent.amount_capturable_updated',
			object: intent,
			account,
		});
	} else {
		markSucceeded(core, account, intent, charge);
	}
	if (behaviour.outcome === 'dispute' && !manual) {
		createDispute(core, { charge: charge.id, account, reason: 'fraudulent' });
	}
	return intent;
}

function markSucceeded(
	core: SandboxCore,
	account: string,
	intent: StripeObject,
	charge: StripeObject,
): void {
	intent.status = 'succeeded';
	intent.amount_received = charge.amount_captured;
	intent.amount_capturable = 0;
	if (charge.transfer_group && !intent.transfer_group)
		intent.transfer_group = charge.transfer_group;
	emitEvent(core, {
		type: 'payment_intent.succeeded',
		object: intent,
		account,
	});
}

/** Captures an authorised payment intent (all or `amount_to_capture`), optionally changing the fee. */
export function capturePaymentIntent(
	core: SandboxCore,
	account: string,
	intent: StripeObject,
	params: Params,
): StripeObject {
	if (intent.status !== 'requires_capture') {
		throw invalidRequest(
			`This PaymentIntent could not be captured because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
			'payment_intent_unexpected_state',
		);
	}
	const amount =
		typeof params.amount_to_capture === 'number'
			? params.amount_to_capture
			: Number(intent.amount_capturable);
	if (amount <= 0 || amount > Number(intent.amount_capturable)) {
		throw invalidRequest(
			`The amount to capture must be between 1 and ${String(intent.amount_capturable)}.`,
			'amount_too_large',
			'amount_to_capture',
		);
	}
	const fee =
		typeof params.application_fee_amount === 'number'
			? params.application_fee_amount
			: (intent.application_fee_amount as number | null);
	if (fee !== null && fee > amount) {
		throw invalidRequest(
			'The application fee cannot be greater than the amount captured.',
			undefined,
			'application_fee_amount',
		);
	}
	if (params.metadata !== undefined)
		intent.metadata = mergeMetadata(intent.metadata, params.metadata);
	intent.application_fee_amount = fee;
	const charge = core.require(account, 'charge', String(intent.latest_charge), 'charge');
	captureCharge(core, account, charge, amount, fee);
	markSucceeded(core, account, intent, charge);
	const testMethod = core.store.internals(intent.id).testPaymentMethod;
	if (testMethod === 'pm_card_createDispute')
		createDispute(core, { charge: charge.id, account, reason: 'fraudulent' });
	return intent;
}
