import { describe, expect, it } from 'vitest';

import {
	accountOfContext,
	deliveredEvent,
	readDelivery,
	readStripeEvent,
} from '../../../nodes/StripeConnectTrigger/eventPayload';
import {
	isStripeApiPath,
	isStripeContext,
	isStripeId,
	quoteForLog,
} from '../../../nodes/StripeConnectTrigger/stripeIds';

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

describe('Stripe contexts and API paths', () => {
	it('accepts a context of one to three account ids joined by /', () => {
		for (const context of ['acct_1A', 'acct_1Platform/acct_1Seller', 'acct_1O/acct_1P/acct_1S']) {
			expect(isStripeContext(context), context).toBe(true);
		}
	});

	it('refuses any other context', () => {
		for (const context of [
			'',
			'acct_1A/',
			'/acct_1A',
			'acct_1A//acct_1B',
			'acct_1A/acct_1B/acct_1C/acct_1D',
			'acct_1A\r\n',
			'acct_1A\nX: y',
			'cus_1A',
			'acct_1A acct_1B',
			`acct_${'A'.repeat(251)}`,
			['acct_1A'],
			null,
		]) {
			expect(isStripeContext(context), JSON.stringify(context)).toBe(false);
		}
	});

	it("accepts only paths of Stripe's API as a related object's url", () => {
		for (const path of ['/v1/payouts/po_1A', '/v2/core/accounts/acct_1A', '/v1/balance']) {
			expect(isStripeApiPath(path), path).toBe(true);
		}
		for (const path of [
			'https://api.stripe.com/v1/payouts/po_1A',
			'//attacker.example/v1/payouts',
			'/v1/payouts/../accounts',
			'/v1/payouts/./po_1A',
			'/v1/payouts/po_1A?expand[]=x',
			'/v1/payouts/po_1A#x',
			'/v1/payouts/po_1A/',
			'/v1/payouts/po%2F1A',
			'/v1',
			'/v3/payouts/po_1A',
			'v1/payouts/po_1A',
			`/v1/payouts/${'p'.repeat(600)}`,
			7,
		]) {
			expect(isStripeApiPath(path), JSON.stringify(path)).toBe(false);
		}
	});
});

describe('reading a signed body as either kind of event', () => {
	const thin = {
		id: 'evt_1ThinPayoutFailed',
		object: 'v2.core.event',
		type: 'v1.payout.failed',
		created: '2026-11-02T10:00:00.000Z',
		context: 'acct_1SellerA',
		livemode: false,
		related_object: { id: 'po_1A', type: 'payout', url: '/v1/payouts/po_1A' },
	};

	it('reads a thin event by its object, with its account from the context', () => {
		const reading = readDelivery(body(thin));
		expect(reading).toEqual({ payload: 'thin', notification: thin });
		expect(deliveredEvent(reading as never)).toEqual({
			id: thin.id,
			type: 'v1.payout.failed',
			payload: 'thin',
			account: 'acct_1SellerA',
			context: 'acct_1SellerA',
		});
	});

	it("reads a platform's thin event (no context, no related object)", () => {
		const platform = { ...thin, context: null, related_object: null };
		const reading = readDelivery(body(platform));
		expect(reading).toEqual({ payload: 'thin', notification: platform });
		expect(deliveredEvent(reading as never)).toMatchObject({
			account: undefined,
			context: undefined,
		});
	});

	it('reads a snapshot event with its account and context', () => {
		const reading = readDelivery(body({ ...payoutFailed, context: payoutFailed.account }));
		expect(deliveredEvent(reading as never)).toEqual({
			id: payoutFailed.id,
			type: 'payout.failed',
			payload: 'snapshot',
			account: payoutFailed.account,
			context: payoutFailed.account,
		});
	});

	it('refuses a thin event whose context or related object is not Stripe’s, naming the field', () => {
		expect(readDelivery(body({ ...thin, context: 'acct_1A\r\nX: y' }))).toEqual({
			problem: expect.stringMatching(/^The event's context .* is not a Stripe context/),
		});
		expect(
			readDelivery(
				body({
					...thin,
					related_object: { id: 'po_1A', type: 'payout', url: 'https://x.example/' },
				}),
			),
		).toEqual({
			problem: expect.stringMatching(
				/^The event's related_object .* is not a Stripe object reference/,
			),
		});
		expect(readDelivery(body({ ...thin, type: '' }))).toEqual({
			problem: 'The body is not a thin Stripe event (it needs id and type).',
		});
		expect(readDelivery(body({ ...payoutFailed, context: 'x' }))).toEqual({
			problem: expect.stringMatching(/^The event's context "x" is not a Stripe context/),
		});
	});

	it('names the connected account of a context by its last segment', () => {
		expect(accountOfContext('acct_1A')).toBe('acct_1A');
		expect(accountOfContext('acct_1Platform/acct_1Seller')).toBe('acct_1Seller');
		expect(accountOfContext(null)).toBeUndefined();
		expect(accountOfContext(undefined)).toBeUndefined();
	});
});
