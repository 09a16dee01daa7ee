import { StripeInputError, currencyDecimals, describeValue } from './validation';

/*
 * The one strict parser for money: every amount, fee and percentage the node sends goes through it.
 * Amounts are integers in the smallest currency unit; major-unit input is converted on its decimal
 * digits, never through floating point.
 */

/** An amount as typed: a number or a string of digits; anything else (true, [30], {}) is refused. */
function amountText(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string') return value.trim();
	throw new StripeInputError(
		field,
		`${describeValue(value)} is not an amount. Enter a number, e.g. 1050 (smallest unit) or 10.50 (major unit).`,
	);
}

/**
 * Returns `value` as a positive integer amount in the smallest currency unit, or throws naming `field`.
 * Accepts integer numbers and integer strings; rejects decimals, zero (unless `allowZero`), negatives,
 * hex and exponent notation, booleans, arrays and unsafe integers.
 */
export function checkMinorAmount(value: unknown, field: string, allowZero = false): number {
	const text = amountText(value, field);
	if (text === '') {
		throw new StripeInputError(
			field,
			'is empty. Enter a positive whole number in the smallest currency unit (e.g. 1050 for $10.50).',
		);
	}
	if (!/^-?\d+$/.test(text)) {
		throw new StripeInputError(
			field,
			`"${text}" is not a whole number. Amounts are integers in the smallest currency unit (e.g. 1050 for $10.50), or switch Amount Unit to "Major Unit".`,
		);
	}
	const amount = Number(text);
	if (allowZero ? amount < 0 : amount <= 0) {
		throw new StripeInputError(
			field,
			`must be ${allowZero ? 'zero or more' : 'greater than zero'} (got ${text}).`,
		);
	}
	if (!Number.isSafeInteger(amount)) {
		throw new StripeInputError(
			field,
			`${text} is too large. Enter at most ${Number.MAX_SAFE_INTEGER}.`,
		);
	}
	return amount;
}

/**
 * Converts a major-unit amount ("12.34") to Stripe's smallest unit for `currency` with exact decimal
 * arithmetic (string digits, never floating point): usd 12.34 → 1234, jpy 1200 → 1200, kwd 1.234 → 1234.
 * More decimals than the currency has is an error rather than a silent rounding.
 */
export function majorToMinorUnits(
	value: unknown,
	currency: string,
	field: string,
	allowZero = false,
): number {
	const text = amountText(value, field);
	const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
	if (!match) {
		throw new StripeInputError(
			field,
			`"${text}" is not a positive decimal amount. Enter digits with an optional decimal point, such as 12.34.`,
		);
	}
	const decimals = currencyDecimals(currency);
	const whole = match[1];
	const fraction = (match[2] ?? '').replace(/0+$/, '');
	if (fraction.length > decimals) {
		throw new StripeInputError(
			field,
			decimals === 0
				? `${currency} has no minor unit, so ${text} cannot be charged. Enter a whole number.`
				: `${currency} has ${decimals} decimals, so ${text} is too precise. Round it to ${decimals} decimals.`,
		);
	}
	const minorDigits = `${whole}${fraction.padEnd(decimals, '0')}`.replace(/^0+(?=\d)/, '');
	return checkMinorAmount(minorDigits, field, allowZero);
}

/** The unit amounts of an operation are entered in (its Amount Unit). */
export type AmountUnit = 'minor' | 'major';

/**
 * The one strict amount parser: every amount and fee the node sends goes through it. `minor` takes
 * whole numbers in the smallest unit; `major` takes decimals in the main unit of `currency` and
 * converts them exactly. Zero is refused unless `allowZero` (a fee's fixed part may be zero).
 */
export function parseAmount(
	value: unknown,
	field: string,
	how: { unit: AmountUnit; currency?: string; allowZero?: boolean },
): number {
	if (how.unit === 'minor') return checkMinorAmount(value, field, how.allowZero);
	if (how.currency === undefined) {
		throw new StripeInputError(field, 'needs a currency to convert a major-unit amount.');
	}
	return majorToMinorUnits(value, how.currency, field, how.allowZero);
}

const PERCENT_PATTERN = /^(\d{1,3})(?:\.(\d{1,6}))?$/;

/**
 * Returns a percentage between 0 and 100 (up to 6 decimals) as its exact decimal text, or throws
 * naming `field`. Only numbers and numeric strings are read: `true`, `[3]`, null are refused.
 */
export function checkPercent(value: unknown, field: string): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
	const match = text === null ? null : PERCENT_PATTERN.exec(text);
	if (text === null || !match || Number(text) > 100) {
		throw new StripeInputError(
			field,
			`${text === null ? describeValue(value) : `"${text}"`} is not a percentage between 0 and 100 (up to 6 decimals, e.g. 2.9).`,
		);
	}
	return text;
}
