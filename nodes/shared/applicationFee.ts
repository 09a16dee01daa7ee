import { checkMinorAmount, checkPercent } from './amounts';
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
	const percent = checkPercent(rate.percent, `${field} → Percent`);
	const fixedAmount = checkMinorAmount(rate.fixedAmount, `${field} → Fixed Amount`, true);
	const [whole, fraction = ''] = percent.split('.');
	const numerator = BigInt(`${whole}${fraction}`);
	const divisor = BigInt(100) * BigInt(10) ** BigInt(fraction.length);
	const two = BigInt(2);
	const rounded = (BigInt(amount) * numerator * two + divisor) / (divisor * two);
	const fee = Number(rounded) + fixedAmount;
	if (fee > amount) {
		throw new StripeInputError(
			field,
			`the computed fee (${fee}) is larger than the amount (${amount}). Lower the percentage or the fixed amount.`,
		);
	}
	return fee;
}

/**
 * The fee of a charge whose funds go to `account`: the destination of a destination charge, or the
 * connected account a direct charge is made on. Its override when it has one, else the default rate.
 */
export function applicationFeeForAccount(
	amount: number,
	account: string,
	schedule: FeeSchedule,
): number {
	const override = schedule.overrides[account];
	return override
		? computeApplicationFee(amount, override, `Fee Schedule override for ${account}`)
		: computeApplicationFee(amount, schedule.defaultRate);
}
