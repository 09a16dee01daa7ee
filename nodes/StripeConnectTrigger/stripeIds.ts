/**
 * Stripe documents object IDs as up to 255 characters (it may lengthen them without notice, so the
 * bound is Stripe's, not today's typical 20–30). Anything longer is not a Stripe ID.
 */
export const MAX_STRIPE_ID_LENGTH = 255;

const STRIPE_ID_CHARACTERS = /^[A-Za-z0-9_]+$/;

/**
 * Whether `value` is a Stripe ID of one kind: the prefix (`acct_`, `evt_`, `we_`), then letters,
 * digits and underscores only, at most 255 characters in all. Nothing is trimmed: a value that needs
 * correcting did not come from Stripe.
 */
export function isStripeId(value: unknown, prefix: string): value is string {
	return (
		typeof value === 'string' &&
		value.length > prefix.length &&
		value.length <= MAX_STRIPE_ID_LENGTH &&
		value.startsWith(prefix) &&
		STRIPE_ID_CHARACTERS.test(value)
	);
}

/**
 * A refused value as it may appear in a log line or an answer: JSON-quoted (so a CR, LF or control
 * character shows as an escape, never as a line break) and cut to 40 characters with its length.
 */
export function quoteForLog(value: unknown): string {
	if (typeof value !== 'string') return value === undefined ? 'nothing' : `a ${typeof value}`;
	const shown = JSON.stringify(value.length > 40 ? value.slice(0, 40) : value);
	return value.length > 40
		? `${shown}… (${value.length.toLocaleString('en-US')} characters)`
		: shown;
}
