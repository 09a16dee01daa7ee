import { describe, expect, it } from 'vitest';

import { readStripeEvent } from '../../../nodes/StripeConnectTrigger/eventPayload';
import { isStripeId, quoteForLog } from '../../../nodes/StripeConnectTrigger/stripeIds';

function body(event: Record<string, unknown>): Buffer {
	return Buffer.from(JSON.stringify(event), 'utf8');
}

const payoutFailed = {
	id: 'evt_1PayoutFailed00000000000',
	object: 'event',
	type: 'payout.failed',
	account: 'acct_1SellerA000000000',
	data: { object: { id: 'po_1A', object: 'payout' } },
};

describe('Stripe IDs', () => {
	it('accepts the prefix followed by letters, digits and underscores, up to 255 characters', () => {
		expect(isStripeId('acct_1Nv0FGQ9RKHgCVdK', 'acct_')).toBe(true);
		expect(isStripeId('evt_test_65R9Ijk8Lc6F3Hk0', 'evt_')).toBe(true);
		expect(isStripeId(`evt_${'a'.repeat(251)}`, 'evt_')).toBe(true);
	});

	it('refuses anything else, without trimming', () => {
		for (const value of [
			`evt_${'a'.repeat(252)}`,
			'evt_',
			'acct_1A',
			' evt_1A',
			'evt_1A\r\n',
			'evt_1A/../x',
			'evt_1A%0D',
			'EVT_1A',
			42,
			null,
			undefined,
			['evt_1A'],
		]) {
			expect(isStripeId(value, 'evt_'), JSON.stringify(value)).toBe(false);
		}
	});

	it('quotes a refused value on one line, cut to 40 characters with its length', () => {
		expect(quoteForLog('acct_1A\r\nX-Injected: 1')).toBe('"acct_1A\\r\\nX-Injected: 1"');
		expect(quoteForLog('e'.repeat(1_000_000))).toBe(`"${'e'.repeat(40)}"… (1,000,000 characters)`);
		expect(quoteForLog(7)).toBe('a number');
		expect(quoteForLog(undefined)).toBe('nothing');
	});
});

describe('reading a signed body as a Stripe event', () => {
	it('reads a connected-account event and a platform event (no account, or null)', () => {
		expect(readStripeEvent(body(payoutFailed))).toEqual({ event: payoutFailed });
		const platform: Record<string, unknown> = { ...payoutFailed };
		delete platform.account;
		expect(readStripeEvent(body(platform))).toEqual({ event: platform });
		expect(readStripeEvent(body({ ...platform, account: null }))).toEqual({
			event: { ...platform, account: null },
		});
	});

	it('refuses an account that is not a Stripe account id, naming the field', () => {
		for (const account of [
			'acct_1Seller\r\nX-Injected: yes',
			'acct_1Seller\n',
			'cus_1NotAnAccount',
			'',
			`acct_${'A'.repeat(251)}`,
			42,
			{ id: 'acct_1A' },
		]) {
			const reading = readStripeEvent(body({ ...payoutFailed, account }));
			expect(reading, JSON.stringify(account)).toEqual({
				problem: expect.stringMatching(/^The event's account .* is not a Stripe account id/),
			});
		}
	});

	it('refuses an id that is not a Stripe event id, without repeating a huge one', () => {
		const huge = `evt_${'x'.repeat(1024 * 1024)}`;
		const reading = readStripeEvent(body({ ...payoutFailed, id: huge }));
		expect('problem' in reading && reading.problem).toBe(
			`The event id "evt_${'x'.repeat(36)}"… (1,048,580 characters) is not a Stripe event id (evt_ followed by letters, digits or underscores, at most 255 characters).`,
		);
		for (const id of ['po_1A', 'evt_1A\r\n', 'evt_1A/../../v1/accounts', '', 7, null]) {
			expect(readStripeEvent(body({ ...payoutFailed, id })), JSON.stringify(id)).toEqual({
				problem: expect.stringMatching(/^The event id .* is not a Stripe event id/),
			});
		}
	});

	it('refuses a body that is not JSON or not an event', () => {
		expect(readStripeEvent(Buffer.from('not json'))).toEqual({ problem: 'The body is not JSON.' });
		for (const value of [
			null,
			[],
			'evt_1A',
			{ id: 'evt_1A', type: 'x' },
			{ ...payoutFailed, type: 3 },
		]) {
			expect(readStripeEvent(body(value as never))).toEqual({
				problem: 'The body is not a Stripe event (it needs id, type and data.object).',
			});
		}
	});
});
