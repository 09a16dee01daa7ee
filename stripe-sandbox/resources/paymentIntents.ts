import type { SandboxCore } from '../core';
import { clone, mergeMetadata, requirePositiveAmount } from '../core';
import { invalidRequest } from '../errors';
import { emitEvent } from '../events';
import { present } from '../expand';
import { listRoute, objectInPath, retrieveRoute } from '../objectRoutes';
import type { Params, RouteTable } from '../types';
import type { StripeObject } from '../store';
import { capturePaymentIntent, confirmPaymentIntent } from './paymentIntentConfirmation';
import { searchPaymentIntents } from './paymentIntentSearch';

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

/**
 * Stripe's rules for the two Connect charge types: a destination charge is made on the platform with
 * `transfer_data`, a direct charge on a connected account (Stripe-Account) without it; an application
 * fee needs one of the two.
 */
function checkConnectParams(core: SandboxCore, account: string, input: PaymentIntentInput): void {
	const onPlatform = account === core.platformAccountId;
	if (!onPlatform && input.transfer_data) {
		throw invalidRequest(
			'A direct charge made on a connected account (Stripe-Account) cannot transfer its funds: remove `transfer_data`, or create a destination charge on the platform.',
			undefined,
			'transfer_data',
		);
	}
	if (onPlatform && input.application_fee_amount != null && !input.transfer_data) {
		throw invalidRequest(
			'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
			undefined,
			'application_fee_amount',
		);
	}
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
	checkConnectParams(core, account, input);
	const id = core.ids.next('pi');
	const intent: StripeObject = {
		id,
		object: 'payment_intent',
		// The sandbox takes card payments only and ignores allowed/excluded payment method types.
		allowed_payment_method_types: null,
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
		customer_account: null,
		description: input.description ?? null,
		excluded_payment_method_types: null,
		last_payment_error: null,
		latest_charge: null,
		livemode: false,
		managed_payments: null,
		metadata: { ...(input.metadata ?? {}) },
		next_action: null,
		on_behalf_of: input.on_behalf_of ?? null,
		payment_method: input.payment_method ?? null,
		payment_method_configuration_details: null,
		payment_method_options: {},
		payment_method_types: ['card'],
		payment_record: null,
		processing: null,
		receipt_email: input.receipt_email ?? null,
		review: null,
		setup_future_usage: null,
		shipping: null,
		source: null,
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
		account,
	});
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

const intentFromPath = objectInPath('payment_intent', 'intent', 'payment_intent', 'intent');

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
	'GET /v1/payment_intents': listRoute('payment_intent', 'payment_intent', { equal: ['customer'] }),
	'GET /v1/payment_intents/search': ({ core, account, params, path }) =>
		searchPaymentIntents(core, core.store.list(account, 'payment_intent'), params, path),
	'GET /v1/payment_intents/{intent}': retrieveRoute(intentFromPath),
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
		checkConnectParams(core, context.account, {
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
			account: context.account,
		});
		return present(context.core, intent, context.params.expand);
	},
};
