import { StripeInputError } from './validation';

/** A platform fee: a percentage of the charge plus a fixed amount in the smallest currency unit. */
export interface FeeRate {
	percent: string | number;
	fixedAmount: number;
}

/** The default rate and the per-connected-account overrides (keyed by `acct_` ID). */
export interface FeeSchedule {
	defaultRate: FeeRate;
	overrides: Record<string, FeeRate>;
}

const PERCENT_PATTERN = /^(\d{1,3})(?:\.(\d{1,6}))?$/;

function parsePercent(
	percent: string | number,
	field: string,
): { numerator: bigint; scale: bigint } {
	const text = String(percent).trim();
	const match = PERCENT_PATTERN.exec(text);
	if (!match || Number(text) > 100) {
		throw new StripeInputError(
			field,
			`"${text}" is not a percentage between 0 and 100 (up to 6 decimals, e.g. 2.9).`,
		);
	}
	const fraction = match[2] ?? '';
	return {
		numerator: BigInt(`${match[1]}${fraction}`),
		scale: BigInt(10) ** BigInt(fraction.length),
	};
}

/**
 * The application fee for `amount` (smallest unit) at `rate`: `amount × percent / 100`, rounded half
 * up to a whole minor unit (exact integer arithmetic, no floating point), plus the fixed amount.
 * Example: 2.9% + 30 on 1000 → 29 + 30 = 59; on 1050 → 30.45 rounds to 30, + 30 = 60.
 */
export function computeApplicationFee(
	amount: number,
	rate: FeeRate,
	field = 'Fee Schedule',
): number {
	const { numerator, scale } = parsePercent(rate.percent, `${field} → Percent`);
	if (!Number.isSafeInteger(rate.fixedAmount) || rate.fixedAmount < 0) {
		throw new StripeInputError(
			`${field} → Fixed Amount`,
			`must be a whole number of minor units, zero or more (got ${rate.fixedAmount}).`,
		);
	}
	const divisor = BigInt(100) * scale;
	const product = BigInt(amount) * numerator;
	const two = BigInt(2);
	const rounded = (product * two + divisor) / (divisor * two);
	const fee = Number(rounded) + rate.fixedAmount;
	if (fee > amount) {
		throw new StripeInputError(
			field,
			`the computed fee (${fee}) is larger than the amount (${amount}). Lower the percentage or the fixed amount.`,
		);
	}
	return fee;
}

/** The fee for a destination charge to `destination`: its override when it has one, else the default rate. */
export function applicationFeeForDestination(
	amount: number,
	destination: string,
	schedule: FeeSchedule,
): number {
	const override = schedule.overrides[destination];
	return override
		? computeApplicationFee(amount, override, `Fee Schedule override for ${destination}`)
		: computeApplicationFee(amount, schedule.defaultRate);
}
