/**
 * Input checks that run before any request, so a typo never reaches Stripe (and never moves money).
 * Each check throws a StripeInputError that names the node field and says how to fix it.
 */

/** A problem with one node field, raised before any request is sent. */
export class StripeInputError extends Error {
	constructor(
		readonly field: string,
		readonly fix: string,
	) {
		super(`${field}: ${fix}`);
		this.name = 'StripeInputError';
	}
}

/** Currencies Stripe bills in whole units (no minor unit). */
export const ZERO_DECIMAL_CURRENCIES = new Set([
	'bif',
	'clp',
	'djf',
	'gnf',
	'jpy',
	'kmf',
	'krw',
	'mga',
	'pyg',
	'rwf',
	'ugx',
	'vnd',
	'vuv',
	'xaf',
	'xof',
	'xpf',
]);

/** Currencies with three decimals (amounts in thousandths). */
export const THREE_DECIMAL_CURRENCIES = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Number of decimals in the smallest unit Stripe uses for `currency` (0, 2 or 3). */
export function currencyDecimals(currency: string): number {
	if (ZERO_DECIMAL_CURRENCIES.has(currency)) return 0;
	if (THREE_DECIMAL_CURRENCIES.has(currency)) return 3;
	return 2;
}

/** Returns `value` as a lowercase ISO 4217 code Stripe accepts, or throws naming `field`. */
export function checkCurrency(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new StripeInputError(
			field,
			'is empty. Enter a three-letter ISO currency code such as usd.',
		);
	}
	if (/^[A-Z]{3}$/.test(text) || (/^[A-Za-z]{3}$/.test(text) && text !== text.toLowerCase())) {
		throw new StripeInputError(
			field,
			`"${text}" must be lowercase. Use "${text.toLowerCase()}" (Stripe currency codes are lowercase ISO 4217).`,
		);
	}
	if (!/^[a-z]{3}$/.test(text)) {
		throw new StripeInputError(
			field,
			`"${text}" is not a currency code. Enter three lowercase letters such as usd, eur or jpy.`,
		);
	}
	return text;
}

/** How a value that is not text or a number is shown in an error: as JSON, so `[30]` stays `[30]`. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (value === undefined) return 'nothing';
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** One allowed value of an options field: what the node shows and what it sends. */
export interface AllowedOption {
	name: string;
	value: string | number | boolean;
}

function listAllowed(options: readonly AllowedOption[]): string {
	return options.map((option) => `"${String(option.value)}" (${option.name})`).join(', ');
}

/**
 * Returns `value` when it is exactly one of `options` (no trimming, no case folding: " major" and
 * "Major" are not "major"), or throws naming `field` and listing the allowed values.
 */
export function checkOption<T extends AllowedOption['value']>(
	value: unknown,
	field: string,
	options: readonly AllowedOption[],
): T {
	const match = options.find((option) => option.value === value);
	if (match === undefined) {
		throw new StripeInputError(
			field,
			`${describeValue(value)} is not one of the allowed values: ${listAllowed(options)}.`,
		);
	}
	return match.value as T;
}

/** A multi-select: an array (or a single value) whose every entry is one of `options`, without repeats. */
export function checkOptions(
	value: unknown,
	field: string,
	options: readonly AllowedOption[],
): Array<AllowedOption['value']> {
	if (Array.isArray(value) && value.length === 0) {
		throw new StripeInputError(
			field,
			`has nothing selected. Select at least one of: ${listAllowed(options)}.`,
		);
	}
	const entries = Array.isArray(value) ? value : [value];
	const checked = entries.map((entry) => checkOption(entry, field, options));
	const repeated = checked.find((entry, index) => checked.indexOf(entry) !== index);
	if (repeated !== undefined) {
		throw new StripeInputError(field, `lists "${String(repeated)}" twice. Keep it once.`);
	}
	return checked;
}

/** Returns true or false; also the strings "true" and "false" an expression may give. */
export function checkBoolean(value: unknown, field: string): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw new StripeInputError(field, `${describeValue(value)} is not true or false.`);
}

/** Returns a whole number between `min` and `max`, or throws naming `field`. */
export function checkInteger(value: unknown, field: string, min: number, max: number): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const number = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isSafeInteger(number) || number < min || number > max) {
		const range = max >= Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
		throw new StripeInputError(
			field,
			`must be a whole number ${range} (got ${describeValue(value)}).`,
		);
	}
	return number;
}

/** Converts a date (ISO string, Date or Unix seconds) to Unix seconds, or throws naming `field`. */
export function toUnixSeconds(value: unknown, field: string): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
	const date =
		value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
	const milliseconds = date?.getTime() ?? Number.NaN;
	if (Number.isNaN(milliseconds)) {
		throw new StripeInputError(
			field,
			`${describeValue(value)} is not a date. Enter an ISO date such as 2026-01-31T00:00:00Z or Unix seconds.`,
		);
	}
	return Math.floor(milliseconds / 1000);
}

/** Prefixes of the Stripe object IDs the node accepts, by kind of object. */
export const STRIPE_ID_PREFIXES = {
	account: ['acct_'],
	applicationFee: ['fee_'],
	applicationFeeRefund: ['fr_'],
	balanceTransaction: ['txn_'],
	capability: [],
	charge: ['ch_', 'py_'],
	dispute: ['dp_', 'du_'],
	event: ['evt_'],
	externalAccount: ['ba_', 'card_'],
	payout: ['po_'],
	paymentIntent: ['pi_'],
	paymentMethod: ['pm_', 'card_', 'src_'],
	customer: ['cus_'],
	refund: ['re_', 'pyr_'],
	transfer: ['tr_'],
	transferReversal: ['trr_'],
} as const;

/** Returns `value` trimmed when it starts with one of `prefixes`, or throws naming `field`. */
export function checkStripeId(value: unknown, field: string, prefixes: readonly string[]): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const expected = prefixes.map((prefix) => `${prefix}…`).join(' or ');
	if (text === '') {
		throw new StripeInputError(field, `is empty. Enter a Stripe ID (${expected}).`);
	}
	if (!/^[A-Za-z0-9_]+$/.test(text)) {
		throw new StripeInputError(
			field,
			`"${text}" is not a Stripe ID: IDs contain only letters, digits and underscores (${expected}).`,
		);
	}
	if (prefixes.length > 0 && !prefixes.some((prefix) => text.startsWith(prefix))) {
		throw new StripeInputError(
			field,
			`"${text}" is not the right kind of ID. It must start with ${expected}.`,
		);
	}
	return text;
}

const CONTEXT_SEGMENT = /^(acct|org)_[A-Za-z0-9]+$/;

/**
 * Returns a `Stripe-Context` value: one or more segments joined by "/", each an account (`acct_…`, e.g.
 * a v2 account) or an organization (`org_…`), as stripe-node's StripeContext writes them. Anything else
 * (spaces, line breaks, other characters) is refused, so nothing else reaches the header.
 */
export function checkStripeContext(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const segments = text.split('/');
	if (
		text === '' ||
		text.length > 255 ||
		!segments.every((segment) => CONTEXT_SEGMENT.test(segment))
	) {
		throw new StripeInputError(
			field,
			`${describeValue(value)} is not a Stripe context. Enter an account (acct_…) or an organization path such as org_…/acct_….`,
		);
	}
	return text;
}

/** Returns Stripe's `delay_days`: "minimum" or a whole number of days from 0 to 365, or throws naming `field`. */
export function checkDelayDays(value: unknown, field: string): number | 'minimum' {
	const text =
		typeof value === 'number' || typeof value === 'string'
			? String(value).trim().toLowerCase()
			: '';
	if (text === 'minimum') return 'minimum';
	if (/^\d+$/.test(text) && Number(text) <= 365) return Number(text);
	throw new StripeInputError(
		field,
		`${describeValue(value)} is not a delay. Enter a whole number of days (0–365) or "minimum".`,
	);
}

/** Returns a two-letter ISO 3166-1 country code in uppercase (Stripe's form), or throws naming `field`. */
export function checkCountry(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!/^[A-Za-z]{2}$/.test(text)) {
		throw new StripeInputError(
			field,
			`"${String(value ?? '')}" is not a country code. Enter two letters such as US, DE or JP.`,
		);
	}
	return text.toUpperCase();
}

/** Returns an absolute http(s) URL, or throws naming `field` (Stripe redirects users to it). */
export function checkUrl(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!/^https?:\/\/[^\s/]+\.[^\s]*$|^https?:\/\/localhost(:\d+)?(\/\S*)?$/.test(text)) {
		throw new StripeInputError(
			field,
			`"${text}" is not an absolute URL. Enter one starting with https://, e.g. https://example.com/onboarding/done.`,
		);
	}
	return text;
}

const EVENT_TYPE = /^[a-z][a-z_]*(\.[a-z_]+)+$/;

/** Stripe accepts at most this many event types in one `types[]` filter. */
export const MAX_EVENT_TYPES = 20;

/**
 * Checks a list of exact event types for `GET /v1/events?types[]=…`: Stripe only honours wildcards in
 * the single `type` filter and answers nothing for `types[]=payout.*`, so a wildcard here is refused.
 */
export function checkEventTypes(raw: unknown, field: string): string[] {
	const types = (Array.isArray(raw) ? raw : String(raw).split(','))
		.map((entry) => String(entry).trim())
		.filter((entry) => entry !== '');
	if (types.length > MAX_EVENT_TYPES) {
		throw new StripeInputError(
			field,
			`${types.length} event types given; Stripe accepts at most ${MAX_EVENT_TYPES}. Split the list or use the Type filter with a wildcard (e.g. payout.*).`,
		);
	}
	for (const type of types) {
		if (type.includes('*')) {
			throw new StripeInputError(
				field,
				`"${type}" has a wildcard, which Stripe only accepts in the Type filter. Put it in Type (one type, e.g. payout.*), or list exact types here (e.g. payout.paid, payout.failed).`,
			);
		}
		if (!EVENT_TYPE.test(type)) {
			throw new StripeInputError(
				field,
				`"${type}" is not an event type. Use Stripe's names, e.g. payout.failed or charge.dispute.created.`,
			);
		}
	}
	return types;
}
