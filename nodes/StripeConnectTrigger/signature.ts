import { createHmac, timingSafeEqual } from 'crypto';

/** Stripe's default and recommended tolerance between a signature's timestamp and now. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The largest tolerance the trigger accepts. A replay older than the tolerance is refused by its
 * timestamp alone; a younger one because its event id is remembered: by the process that handled it
 * for three days (eventLedger.ts), by every process while it is among the newest 1,000 stored, which
 * at 600 s covers the tolerance up to 1.6 deliveries a second (3.3 at Stripe's 300 s). The tolerance
 * only has to absorb clock skew and transit, because
 * Stripe signs every delivery attempt afresh (a retry three days later carries a new timestamp); a
 * clock more than ten minutes off is broken and should be fixed, not tolerated.
 */
export const MAX_SIGNATURE_TOLERANCE_SECONDS = 600;

/** Why a delivery's signature was refused; never contains the secret or a computed signature. */
export type SignatureFailure =
	| 'no-secret'
	| 'missing-header'
	| 'malformed-header'
	| 'stale-timestamp'
	| 'no-matching-signature';

export type SignatureVerdict =
	| { valid: true; timestamp: number; secretIndex: number }
	| { valid: false; failure: SignatureFailure; message: string };

export interface ParsedSignatureHeader {
	timestamp: number;
	v1Signatures: string[];
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Reads the "Signature Tolerance (Seconds)" option: unset means Stripe's 300 s; otherwise a whole
 * number of seconds from 1 to 600 (a number, or digits from an expression). Anything else, an
 * expression that resolved to nothing included, is a problem to report, never a silent default.
 */
export function checkSignatureTolerance(value: unknown): { seconds: number } | { problem: string } {
	if (value === undefined) return { seconds: DEFAULT_SIGNATURE_TOLERANCE_SECONDS };
	const seconds =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d+$/.test(value)
				? Number(value)
				: NaN;
	if (Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_SIGNATURE_TOLERANCE_SECONDS) {
		return { seconds };
	}
	return {
		problem: `Signature Tolerance (Seconds) is ${JSON.stringify(value) ?? String(value)}. Enter a whole number of seconds from 1 to ${MAX_SIGNATURE_TOLERANCE_SECONDS} (Stripe's default is ${DEFAULT_SIGNATURE_TOLERANCE_SECONDS}).`,
	};
}

/**
 * Parses `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`. Returns undefined when there is no
 * single integer timestamp or no v1 signature. Other schemes (v0, test-mode) are ignored on purpose:
 * only v1 is a signature Stripe makes with the endpoint secret.
 */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | undefined {
	const timestamps: string[] = [];
	const v1Signatures: string[] = [];
	for (const element of header.split(',')) {
		const separator = element.indexOf('=');
		if (separator <= 0) continue;
		const key = element.slice(0, separator).trim();
		const value = element.slice(separator + 1).trim();
		if (key === 't') timestamps.push(value);
		if (key === 'v1' && HEX_SHA256.test(value)) v1Signatures.push(value);
	}
	if (timestamps.length !== 1 || !UNIX_SECONDS.test(timestamps[0]) || v1Signatures.length === 0) {
		return undefined;
	}
	return { timestamp: Number(timestamps[0]), v1Signatures };
}

/** The hex HMAC-SHA256 Stripe computes over `"<timestamp>.<raw body>"` with the whole `whsec_…` secret. */
export function computeV1Signature(rawBody: Buffer, timestamp: number, secret: string): string {
	return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
}

function equalInConstantTime(expectedHex: string, candidateHex: string): boolean {
	const expected = Buffer.from(expectedHex, 'hex');
	const candidate = Buffer.from(candidateHex, 'hex');
	return expected.length === candidate.length && timingSafeEqual(expected, candidate);
}

/**
 * Verifies a Stripe webhook delivery over its raw bytes against one or more endpoint secrets (two when
 * one trigger manages a Connect and a platform endpoint). Fails closed: no secret, no header, a
 * malformed header, a timestamp further than `toleranceSeconds` from now (either way) or no matching
 * v1 signature is a refusal. Any v1 value may match, as during Stripe's secret rotation.
 */
export function verifyStripeSignature(input: {
	rawBody: Buffer;
	header: string | string[] | undefined;
	secrets: string[];
	toleranceSeconds: number;
	nowSeconds: number;
}): SignatureVerdict {
	if (!input.secrets.some((secret) => typeof secret === 'string' && secret !== '')) {
		return {
			valid: false,
			failure: 'no-secret',
			message:
				'No webhook signing secret is stored for this trigger, so no delivery can be trusted. Deactivate and activate the workflow to register the endpoint again.',
		};
	}
	const header = Array.isArray(input.header) ? input.header.join(',') : input.header;
	if (header === undefined || header.trim() === '') {
		return {
			valid: false,
			failure: 'missing-header',
			message: 'The request has no Stripe-Signature header.',
		};
	}
	const parsed = parseSignatureHeader(header);
	if (parsed === undefined) {
		return {
			valid: false,
			failure: 'malformed-header',
			message:
				'The Stripe-Signature header is malformed: it needs exactly one t=<unix seconds> and at least one v1=<hex>.',
		};
	}
	if (Math.abs(input.nowSeconds - parsed.timestamp) > input.toleranceSeconds) {
		return {
			valid: false,
			failure: 'stale-timestamp',
			message: `The Stripe-Signature timestamp is more than ${input.toleranceSeconds} s away from now (a replay or a wrong clock).`,
		};
	}
	for (const [secretIndex, secret] of input.secrets.entries()) {
		if (typeof secret !== 'string' || secret === '') continue;
		const expected = computeV1Signature(input.rawBody, parsed.timestamp, secret);
		if (parsed.v1Signatures.some((candidate) => equalInConstantTime(expected, candidate))) {
			return { valid: true, timestamp: parsed.timestamp, secretIndex };
		}
	}
	return {
		valid: false,
		failure: 'no-matching-signature',
		message:
			'No v1 signature in the Stripe-Signature header matches this endpoint’s signing secret.',
	};
}
