import type { SandboxCore } from '../core';
import { clone, mergeMetadata, requirePositiveAmount } from '../core';
import { invalidRequest, StripeApiError } from '../errors';
import { emitEvent } from '../events';
import type { Params } from '../validation/validateRequest';
import { listFilter, paginate, present } from '../pagination';
import type { HandlerContext, RouteTable } from '../router';
import type { StripeObject } from '../store';
import { captureCharge, createCharge } from './charges';
import { createDispute } from './disputes';
import { searchPaymentIntents } from './paymentIntentSearch';

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

/** What a payment intent is made from. */
export interface PaymentIntentInput {
	amount: number;
	currency: string;
	application_fee_amount?: number | null;
	transfer_data?: { destination: string; amount?: number } | null;
	on_behalf_of?: string | null;
	transfer_group?: string | null;
	capture_method?: 'automatic' | 'automatic_async' | 'manual';
	customer?: string | null;
	description?: string | null;
	metadata?: Record<string, string>;
	payment_method?: string | null;
	receipt_email?: string | null;
	statement_descriptor?: string | null;
	created?: number;
}

function checkConnectParams(core: SandboxCore, input: PaymentIntentInput): void {
	if (input.transfer_data?.amount !== undefined && input.application_fee_amount != null) {
		throw invalidRequest(
			'You may not specify both `application_fee_amount` and `transfer_data[amount]`.',
			undefined,
			'application_fee_amount',
		);
	}
	if (input.application_fee_amount != null && input.application_fee_amount > input.amount) {
		throw invalidRequest(
			'The application fee cannot be greater than the amount of the payment.',
			undefined,
			'application_fee_amount',
		);
	}
	if (input.transfer_data?.amount !== undefined && input.transfer_data.amount > input.amount) {
		throw invalidRequest(
			'The transfer_data[amount] cannot be greater than the amount of the payment.',
			undefined,
			'transfer_data[amount]',
		);
	}
	const destination = input.transfer_data?.destination;
	if (destination && (!core.account(destination) || destination === core.platformAccountId)) {
		throw invalidRequest(
			`No such destination: '${destination}'`,
			'resource_missing',
			'transfer_data[destination]',
		);
	}
}

/** Creates a payment intent in requires_payment_method / requires_confirmation. */
export function createPaymentIntent(
	core: SandboxCore,
	account: string,
	input: PaymentIntentInput,
): StripeObject {
	checkConnectParams(core, input);
	const id = core.ids.next('pi');
	const intent: StripeObject = {
		id,
		object: 'payment_intent',
		amount: input.amount,
		amount_capturable: 0,
		amount_details: { tip: {} },
		amount_received: 0,
		application: null,
		application_fee_amount: input.application_fee_amount ?? null,
		automatic_payment_methods: null,
		canceled_at: null,
		cancellation_reason: null,
		capture_method: input.capture_method ?? 'automatic',
		client_secret: `${id}_secret_${core.ids.token(25)}`,
		confirmation_method: 'automatic',
		created: input.created ?? core.now(),
		currency: input.currency,
		customer: input.customer ?? null,
		description: input.description ?? null,
		invoice: null,
		last_payment_error: null,
		latest_charge: null,
		livemode: false,
		metadata: { ...(input.metadata ?? {}) },
		next_action: null,
		on_behalf_of: input.on_behalf_of ?? null,
		payment_method: input.payment_method ?? null,
		payment_method_configuration_details: null,
		payment_method_options: {},
		payment_method_types: ['card'],
		processing: null,
		receipt_email: input.receipt_email ?? null,
		review: null,
		setup_future_usage: null,
		shipping: null,
		statement_descriptor: input.statement_descriptor ?? null,
		statement_descriptor_suffix: null,
		status: input.payment_method ? 'requires_confirmation' : 'requires_payment_method',
		transfer_data: input.transfer_data
			? {
					...(input.transfer_data.amount !== undefined
						? { amount: input.transfer_data.amount }
						: {}),
					destination: input.transfer_data.destination,
				}
			: null,
		transfer_group: input.transfer_group ?? null,
	};
	core.store.put(account, intent);
	core.store.internals(id).testPaymentMethod = input.payment_method ?? undefined;
	emitEvent(core, {
		type: 'payment_intent.created',
		object: intent,
		account: eventAccountOf(core, account),
	});
	return intent;
}

function eventAccountOf(core: SandboxCore, account: string): string | undefined {
	return account === core.platformAccountId ? undefined : account;
}

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
	const eventAccount = eventAccountOf(core, account);
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
			account: eventAccount,
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
			account: eventAccount,
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
		account: eventAccountOf(core, account),
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

function inputFromParams(params: Params): PaymentIntentInput {
	const transferData = params.transfer_data as
		| { destination?: string; amount?: number }
		| undefined;
	return {
		amount: requirePositiveAmount(params.amount),
		currency: String(params.currency).toLowerCase(),
		application_fee_amount:
			typeof params.application_fee_amount === 'number' ? params.application_fee_amount : null,
		transfer_data: transferData?.destination
			? {
					destination: transferData.destination,
					...(transferData.amount !== undefined ? { amount: transferData.amount } : {}),
				}
			: null,
		on_behalf_of: typeof params.on_behalf_of === 'string' ? params.on_behalf_of : null,
		transfer_group: typeof params.transfer_group === 'string' ? params.transfer_group : null,
		capture_method: params.capture_method as PaymentIntentInput['capture_method'],
		customer: typeof params.customer === 'string' ? params.customer : null,
		description: typeof params.description === 'string' ? params.description : null,
		metadata: mergeMetadata({}, params.metadata),
		payment_method: typeof params.payment_method === 'string' ? params.payment_method : null,
		receipt_email: typeof params.receipt_email === 'string' ? params.receipt_email : null,
		statement_descriptor:
			typeof params.statement_descriptor === 'string' ? params.statement_descriptor : null,
	};
}

function intentFromPath(context: HandlerContext): StripeObject {
	return context.core.require(
		context.account,
		'payment_intent',
		context.pathParams.intent,
		'payment_intent',
		'intent',
	);
}

const UPDATABLE_FIELDS = [
	'amount',
	'currency',
	'description',
	'receipt_email',
	'statement_descriptor',
	'customer',
	'transfer_group',
	'capture_method',
	'application_fee_amount',
	'payment_method',
];

/** Routes for payment intents: create, confirm, capture, cancel, update, list and search. */
export const paymentIntentRoutes: RouteTable = {
	'POST /v1/payment_intents': ({ core, account, params }) => {
		const input = inputFromParams(params);
		const intent = createPaymentIntent(core, account, input);
		if (params.confirm === true) confirmPaymentIntent(core, account, intent);
		return present(core, intent, params.expand);
	},
	'GET /v1/payment_intents': ({ core, account, params, path }) => {
		const intents = core.store.newestFirst(
			account,
			'payment_intent',
			listFilter(params, { equal: ['customer'] }),
		);
		return paginate(core, intents, params, path, 'payment_intent');
	},
	'GET /v1/payment_intents/search': ({ core, account, params, path }) =>
		searchPaymentIntents(core, core.store.list(account, 'payment_intent'), params, path),
	'GET /v1/payment_intents/{intent}': (context) =>
		present(context.core, intentFromPath(context), context.params.expand),
	'POST /v1/payment_intents/{intent}': (context) => {
		const intent = intentFromPath(context);
		const { params, core } = context;
		if (
			['succeeded', 'canceled', 'processing'].includes(String(intent.status)) &&
			Object.keys(params).some(
				(key) => key !== 'metadata' && key !== 'description' && key !== 'expand',
			)
		) {
			throw invalidRequest(
				`You cannot update this PaymentIntent because it has a status of ${String(intent.status)}.`,
				'payment_intent_unexpected_state',
			);
		}
		const previous: Record<string, unknown> = {};
		for (const field of UPDATABLE_FIELDS) {
			if (params[field] === undefined) continue;
			previous[field] = intent[field];
			intent[field] = params[field] === '' ? null : params[field];
			if (field === 'payment_method')
				core.store.internals(intent.id).testPaymentMethod = params[field] || undefined;
		}
		if (params.metadata !== undefined) {
			previous.metadata = clone(intent.metadata);
			intent.metadata = mergeMetadata(intent.metadata, params.metadata);
		}
		if (params.transfer_data !== undefined) {
			previous.transfer_data = clone(intent.transfer_data);
			const update = params.transfer_data as { amount?: number } | '';
			intent.transfer_data =
				update === '' ? null : { ...(intent.transfer_data as object), ...update };
		}
		if (params.payment_method && intent.status === 'requires_payment_method')
			intent.status = 'requires_confirmation';
		checkConnectParams(core, {
			amount: Number(intent.amount),
			currency: String(intent.currency),
			application_fee_amount: intent.application_fee_amount as number | null,
			transfer_data: intent.transfer_data as PaymentIntentInput['transfer_data'],
		});
		return present(core, intent, params.expand);
	},
	'POST /v1/payment_intents/{intent}/confirm': (context) => {
		const intent = intentFromPath(context);
		const paymentMethod =
			typeof context.params.payment_method === 'string' ? context.params.payment_method : undefined;
		confirmPaymentIntent(context.core, context.account, intent, paymentMethod);
		return present(context.core, intent, context.params.expand);
	},
	'POST /v1/payment_intents/{intent}/capture': (context) => {
		const intent = intentFromPath(context);
		capturePaymentIntent(context.core, context.account, intent, context.params);
		return present(context.core, intent, context.params.expand);
	},
	'POST /v1/payment_intents/{intent}/cancel': (context) => {
		const intent = intentFromPath(context);
		if (['succeeded', 'canceled'].includes(String(intent.status))) {
			throw invalidRequest(
				`You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
				'payment_intent_unexpected_state',
			);
		}
		intent.status = 'canceled';
		intent.canceled_at = context.core.now();
		intent.cancellation_reason =
			typeof context.params.cancellation_reason === 'string'
				? context.params.cancellation_reason
				: null;
		intent.amount_capturable = 0;
		if (intent.latest_charge) {
			const charge = context.core.store.get(
				context.account,
				'charge',
				String(intent.latest_charge),
			);
			if (charge && charge.captured === false) {
				charge.refunded = true;
				charge.amount_refunded = charge.amount;
			}
		}
		emitEvent(context.core, {
			type: 'payment_intent.canceled',
			object: intent,
			account: eventAccountOf(context.core, context.account),
		});
		return present(context.core, intent, context.params.expand);
	},
};
