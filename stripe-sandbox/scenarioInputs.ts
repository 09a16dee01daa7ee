import type { PaymentIntentInput } from './resources/paymentIntents';

/** One balance transaction paid out by an automatic payout. */
export interface PayoutTransactionInput {
	type:
		| 'charge'
		| 'refund'
		| 'adjustment'
		| 'application_fee'
		| 'application_fee_refund'
		| 'payment'
		| 'payment_refund'
		| 'transfer'
		| 'dispute'
		| string;
	/** Gross amount in minor units (negative for refunds and other debits). */
	amount: number;
	/** Stripe's fee on it, in minor units (default 0). */
	fee?: number;
	description?: string;
}

/** An automatic payout with the balance transactions it paid out. */
export interface AutomaticPayoutInput {
	account: string;
	currency: string;
	arrival_date?: number;
	created?: number;
	status?: 'pending' | 'in_transit' | 'paid' | 'failed';
	reconciliation_status?: 'completed' | 'in_progress' | 'not_applicable';
	/** What the payout paid out; omitted → a single charge of `amount`. */
	transactions?: PayoutTransactionInput[];
	amount?: number;
	/** Added to the payout amount so it differs from the net of its transactions by this much. */
	mismatchBy?: number;
	/** With status 'failed', or with willFail for a payout that fails when it arrives. */
	failure_code?: string;
	willFail?: boolean;
	metadata?: Record<string, string>;
}

/** A manual (standard or instant) payout, not attributed to transactions. */
export interface ManualPayoutInput {
	account: string;
	amount: number;
	currency: string;
	method?: 'standard' | 'instant';
	status?: 'pending' | 'in_transit' | 'paid' | 'failed' | 'canceled';
	arrival_date?: number;
	created?: number;
	failure_code?: string;
	metadata?: Record<string, string>;
}

/** A payment intent in a given state; succeeded ones get a captured charge (and transfer and fee). */
export interface ScenarioPaymentIntentInput extends Omit<PaymentIntentInput, 'payment_method'> {
	/** The account the intent is made on (default: the platform, i.e. a destination charge). */
	account?: string;
	status?: 'succeeded' | 'requires_capture' | 'requires_payment_method' | 'canceled';
	/** Funds available at once instead of two days after `created`. */
	bypassPending?: boolean;
}
