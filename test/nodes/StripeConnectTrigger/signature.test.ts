import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

import {
	DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
	MAX_SIGNATURE_TOLERANCE_SECONDS,
	checkSignatureTolerance,
	computeV1Signature,
	parseSignatureHeader,
	verifyStripeSignature,
} from '../../../nodes/StripeConnectTrigger/signature';

const stripe = new Stripe('sk_test_signatureCrossCheck0000');
const secret = 'whsec_test_signatureSecret0123456789';
const otherSecret = 'whsec_test_someOtherEndpointSecret999';
const now = 1_790_000_000;
const payload = JSON.stringify({
	id: 'evt_1Sig',
	object: 'event',
	type: 'payout.failed',
	account: 'acct_1Sig',
	data: { object: { id: 'po_1', object: 'payout', amount: 1250, currency: 'eur' } },
});
const rawBody = Buffer.from(payload, 'utf8');

function sdkHeader(options: { secret?: string; timestamp?: number; body?: string } = {}): string {
	return stripe.webhooks.generateTestHeaderString({
		payload: options.body ?? payload,
		secret: options.secret ?? secret,
		timestamp: options.timestamp ?? now,
	});
}

function verify(
	header: string | undefined,
	overrides: Partial<Parameters<typeof verifyStripeSignature>[0]> = {},
) {
	return verifyStripeSignature({
		rawBody,
		header,
		secrets: [secret],
		toleranceSeconds: DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
		nowSeconds: now,
		...overrides,
	});
}

function sdkAccepts(header: string, options: { secret?: string; body?: string } = {}): boolean {
	try {
		stripe.webhooks.constructEvent(
			options.body ?? payload,
			header,
			options.secret ?? secret,
			DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
			undefined,
			now * 1000, // the SDK takes the receive time in milliseconds
		);
		return true;
	} catch (error) {
		expect(error).toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError);
		return false;
	}
}

describe('Stripe-Signature verification', () => {
	it('accepts a header the stripe SDK generated', () => {
		expect(verify(sdkHeader())).toEqual({ valid: true, timestamp: now, secretIndex: 0 });
	});

	it('produces signatures the stripe SDK accepts', () => {
		const header = `t=${now},v1=${computeV1Signature(rawBody, now, secret)}`;
		expect(sdkAccepts(header)).toBe(true);
		expect(header).toBe(sdkHeader());
	});

	it('accepts when any of several v1 values matches, in any position, like the SDK', () => {
		const good = computeV1Signature(rawBody, now, secret);
		const rotatedOut = computeV1Signature(rawBody, now, otherSecret);
		for (const header of [
			`t=${now},v1=${rotatedOut},v1=${good}`,
			`t=${now},v1=${good},v1=${rotatedOut}`,
			`t=${now},v0=${rotatedOut},v1=${good}`,
		]) {
			expect(verify(header).valid).toBe(true);
			expect(sdkAccepts(header)).toBe(true);
		}
	});

	it('refuses a header signed with another secret, like the SDK', () => {
		const header = sdkHeader({ secret: otherSecret });
		expect(verify(header)).toMatchObject({ valid: false, failure: 'no-matching-signature' });
		expect(sdkAccepts(header)).toBe(false);
	});

	it('matches against either of two endpoint secrets and says which one', () => {
		const header = sdkHeader({ secret: otherSecret });
		expect(verify(header, { secrets: [secret, otherSecret] })).toEqual({
			valid: true,
			timestamp: now,
			secretIndex: 1,
		});
	});

	it('refuses a tampered body, like the SDK', () => {
		const header = sdkHeader();
		const tampered = payload.replace('1250', '9250');
		expect(verify(header, { rawBody: Buffer.from(tampered) })).toMatchObject({
			valid: false,
			failure: 'no-matching-signature',
		});
		expect(sdkAccepts(header, { body: tampered })).toBe(false);
	});

	it('verifies the raw bytes, not re-serialised JSON', () => {
		const spaced = JSON.stringify(JSON.parse(payload), null, 2);
		const header = sdkHeader({ body: spaced });
		expect(verify(header, { rawBody: Buffer.from(spaced) }).valid).toBe(true);
		expect(verify(header).valid).toBe(false);
	});

	it('refuses a timestamp older than the tolerance, like the SDK', () => {
		const header = sdkHeader({ timestamp: now - DEFAULT_SIGNATURE_TOLERANCE_SECONDS - 1 });
		expect(verify(header)).toMatchObject({ valid: false, failure: 'stale-timestamp' });
		expect(sdkAccepts(header)).toBe(false);
		const edge = sdkHeader({ timestamp: now - DEFAULT_SIGNATURE_TOLERANCE_SECONDS });
		expect(verify(edge).valid).toBe(true);
		expect(sdkAccepts(edge)).toBe(true);
	});

	it('applies a configured tolerance', () => {
		const header = sdkHeader({ timestamp: now - 90 });
		expect(verify(header, { toleranceSeconds: 60 })).toMatchObject({ failure: 'stale-timestamp' });
		expect(verify(header, { toleranceSeconds: 120 }).valid).toBe(true);
	});

	it('refuses a timestamp far in the future, which the SDK would accept', () => {
		const header = sdkHeader({ timestamp: now + DEFAULT_SIGNATURE_TOLERANCE_SECONDS + 1 });
		expect(verify(header)).toMatchObject({ valid: false, failure: 'stale-timestamp' });
		expect(sdkAccepts(header)).toBe(true);
	});

	it('refuses a missing header, like the SDK', () => {
		expect(verify(undefined)).toMatchObject({ valid: false, failure: 'missing-header' });
		expect(verify('')).toMatchObject({ valid: false, failure: 'missing-header' });
		expect(sdkAccepts('')).toBe(false);
	});

	it('refuses malformed headers, like the SDK', () => {
		const good = computeV1Signature(rawBody, now, secret);
		for (const header of [
			'garbage',
			`v1=${good}`,
			`t=${now}`,
			`t=abc,v1=${good}`,
			`t=${now},v1=nothex`,
			`t=${now},v0=${good}`,
		]) {
			expect(verify(header)).toMatchObject({ valid: false, failure: 'malformed-header' });
			expect(sdkAccepts(header)).toBe(false);
		}
	});

	it('fails closed without a secret', () => {
		expect(verify(sdkHeader(), { secrets: [] })).toMatchObject({
			valid: false,
			failure: 'no-secret',
		});
		expect(verify(sdkHeader(), { secrets: [''] })).toMatchObject({ failure: 'no-secret' });
	});

	it('never mentions the secret or the expected signature in a refusal', () => {
		const expected = computeV1Signature(rawBody, now, secret);
		const refusal = verify(sdkHeader({ secret: otherSecret }));
		expect(JSON.stringify(refusal)).not.toContain(secret);
		expect(JSON.stringify(refusal)).not.toContain(expected);
	});

	it('parses the timestamp and every v1 value', () => {
		const a = 'a'.repeat(64);
		const b = 'b'.repeat(64);
		expect(parseSignatureHeader(`t=12, v1=${a}, v1=${b}`)).toEqual({
			timestamp: 12,
			v1Signatures: [a, b],
		});
		expect(parseSignatureHeader(`t=12,t=13,v1=${a}`)).toBeUndefined();
	});
});

describe('the signature tolerance setting', () => {
	it("uses Stripe's 300 s when unset and accepts whole seconds from 1 to 600", () => {
		expect(checkSignatureTolerance(undefined)).toEqual({ seconds: 300 });
		expect(MAX_SIGNATURE_TOLERANCE_SECONDS).toBe(600);
		expect(checkSignatureTolerance(1)).toEqual({ seconds: 1 });
		expect(checkSignatureTolerance(600)).toEqual({ seconds: 600 });
		expect(checkSignatureTolerance('120')).toEqual({ seconds: 120 });
	});

	it('refuses anything else, naming the field and the range', () => {
		for (const value of [
			0,
			-5,
			601,
			3600,
			86_400,
			Infinity,
			NaN,
			1.5,
			'',
			' 300',
			'3e2',
			null,
			true,
		]) {
			expect(checkSignatureTolerance(value), String(value)).toEqual({
				problem: expect.stringMatching(
					/^Signature Tolerance \(Seconds\) is .*\. Enter a whole number of seconds from 1 to 600 \(Stripe's default is 300\)\.$/,
				),
			});
		}
	});

	it('makes a delivery signed 601 s ago stale at the largest tolerance', () => {
		const header = stripe.webhooks.generateTestHeaderString({
			payload,
			secret,
			timestamp: now - 601,
		});
		const verdict = verifyStripeSignature({
			rawBody: Buffer.from(payload),
			header,
			secrets: [secret],
			toleranceSeconds: MAX_SIGNATURE_TOLERANCE_SECONDS,
			nowSeconds: now,
		});
		expect(verdict).toMatchObject({ valid: false, failure: 'stale-timestamp' });
	});
});
