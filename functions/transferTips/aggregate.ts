import type { PayPeriod } from './period';

/** The payment intent fields tip aggregation reads (a Stripe.PaymentIntent with latest_charge expanded satisfies it). */
export interface PaymentIntentRecord {
	id: string;
	status: string;
	amount: number;
	amount_received: number;
	currency: string;
	created: number;
	metadata: Record<string, string> | null;
	latest_charge: string | { id: string; amount: number; amount_refunded: number } | null;
}

/** Where the tip lives in payment intent metadata. */
export interface TipMetadataKeys {
	amount: string;
	recipient: string;
}

/** The tips owed to one recipient in one currency. */
export interface TipGroup {
	recipient: string;
	currency: string;
	amount: number;
	tipCount: number;
	/** Tips reduced by refunds (fully refunded payments count here, with nothing to pay). */
	refundedTips: number;
}

/** A payment whose tip metadata cannot be used, and what to fix. */
export interface InvalidTip {
	paymentIntent: string;
	currency: string;
	field: string;
	message: string;
}

/** The result of reading a period's payments. */
export interface TipAggregation {
	groups: TipGroup[];
	invalid: InvalidTip[];
	paymentsScanned: number;
}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;
const MINOR_UNITS = /^\d+$/;

/** Tips, and transfers, are kept apart per recipient and currency. */
export function recipientCurrencyKey(recipient: string, currency: string): string {
	return `${recipient}\u0000${currency}`;
}

/** The tip left after refunds: reduced by the refunded share of the payment, never below zero. */
export function tipAfterRefunds(tip: number, paid: number, refunded: number): number {
	if (paid <= 0 || refunded >= paid) return 0;
	if (refunded <= 0) return tip;
	// Integer arithmetic: round the remaining tip down, so a refund never leaves more tip than paid.
	return Number((BigInt(tip) * BigInt(paid - refunded)) / BigInt(paid));
}

/**
 * Sums the tips of succeeded payments by recipient and currency. Payments without tip metadata are
 * not tips; payments with unusable metadata are reported, never guessed at.
 */
export function aggregateTips(
	paymentIntents: PaymentIntentRecord[],
	keys: TipMetadataKeys,
	period: Pick<PayPeriod, 'start' | 'end'>,
): TipAggregation {
	const groups = new Map<string, TipGroup>();
	const invalid: InvalidTip[] = [];
	let paymentsScanned = 0;
	for (const intent of paymentIntents) {
		if (
			intent.status !== 'succeeded' ||
			intent.created < period.start ||
			intent.created >= period.end
		) {
			continue;
		}
		paymentsScanned++;
		const rawAmount = intent.metadata?.[keys.amount];
		const rawRecipient = intent.metadata?.[keys.recipient];
		if (rawAmount === undefined && rawRecipient === undefined) continue;
		const reject = (field: string, message: string) =>
			invalid.push({ paymentIntent: intent.id, currency: intent.currency, field, message });
		if (rawRecipient === undefined || !ACCOUNT_ID.test(rawRecipient)) {
			reject(
				`metadata.${keys.recipient}`,
				rawRecipient === undefined
					? `has a tip amount but no metadata.${keys.recipient}. Set it to the connected account id (acct_…) that earned the tip.`
					: `"${rawRecipient}" is not a connected account id. Set it to an id like acct_1Nv0FGQ9RKHgCVdK.`,
			);
			continue;
		}
		if (
			rawAmount === undefined ||
			!MINOR_UNITS.test(rawAmount) ||
			!Number.isSafeInteger(Number(rawAmount))
		) {
			reject(
				`metadata.${keys.amount}`,
				rawAmount === undefined
					? `names a recipient but has no metadata.${keys.amount}. Set it to the tip in the currency's smallest unit (250 = 2.50 USD, 300 = 300 JPY).`
					: `"${rawAmount}" is not a whole number of minor units. Set it to the tip in the currency's smallest unit (250 = 2.50 USD, 300 = 300 JPY).`,
			);
			continue;
		}
		const tip = Number(rawAmount);
		const paid = intent.amount_received > 0 ? intent.amount_received : intent.amount;
		if (tip > paid) {
			reject(
				`metadata.${keys.amount}`,
				`${tip} is more than the payment itself (${paid}). The tip must be part of the amount paid, in minor units.`,
			);
			continue;
		}
		const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
		const refunded = charge?.amount_refunded ?? 0;
		const owed = tipAfterRefunds(tip, charge?.amount ?? paid, refunded);
		const key = recipientCurrencyKey(rawRecipient, intent.currency);
		const group = groups.get(key) ?? {
			recipient: rawRecipient,
			currency: intent.currency,
			amount: 0,
			tipCount: 0,
			refundedTips: 0,
		};
		group.amount += owed;
		group.tipCount++;
		if (owed < tip) group.refundedTips++;
		groups.set(key, group);
	}
	const sorted = [...groups.values()].sort(
		(a, b) => a.currency.localeCompare(b.currency) || a.recipient.localeCompare(b.recipient),
	);
	return { groups: sorted, invalid, paymentsScanned };
}
