import { describe, expect, it } from 'vitest';

import {
	aggregateTips,
	tipAfterRefunds,
	type PaymentIntentRecord,
} from '../../../functions/transferTips/aggregate';
import { parsePayPeriod } from '../../../functions/transferTips/period';

const period = parsePayPeriod('2026-W46', 'UTC');
const keys = { amount: 'tip_amount', recipient: 'tip_recipient' };
let sequence = 0;

function payment(
	overrides: Partial<PaymentIntentRecord> & { tip?: string; to?: string; refunded?: number } = {},
): PaymentIntentRecord {
	const { tip, to, refunded, ...rest } = overrides;
	const amount = rest.amount ?? 5_000;
	return {
		id: `pi_${++sequence}`,
		status: 'succeeded',
		amount,
		amount_received: amount,
		currency: 'usd',
		created: period.start + 3600,
		metadata: {
			...(tip === undefined ? {} : { tip_amount: tip }),
			...(to === undefined ? {} : { tip_recipient: to }),
		},
		latest_charge: { id: `ch_${sequence}`, amount, amount_refunded: refunded ?? 0 },
		...rest,
	};
}

describe('aggregateTips', () => {
	it('sums tips per recipient and currency, in a stable order', () => {
		const aggregation = aggregateTips(
			[
				payment({ tip: '300', to: 'acct_B' }),
				payment({ tip: '200', to: 'acct_A' }),
				payment({ tip: '450', to: 'acct_B' }),
				payment({ tip: '500', to: 'acct_A', currency: 'jpy', amount: 3_000 }),
				payment({}),
			],
			keys,
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_A', currency: 'jpy', amount: 500, tipCount: 1, refundedTips: 0 },
			{ recipient: 'acct_A', currency: 'usd', amount: 200, tipCount: 1, refundedTips: 0 },
			{ recipient: 'acct_B', currency: 'usd', amount: 750, tipCount: 2, refundedTips: 0 },
		]);
		expect(aggregation.paymentsScanned).toBe(5);
		expect(aggregation.invalid).toEqual([]);
	});

	it('ignores payments that did not succeed or fall outside the period', () => {
		const aggregation = aggregateTips(
			[
				payment({ tip: '300', to: 'acct_A', status: 'requires_payment_method' }),
				payment({ tip: '300', to: 'acct_A', created: period.end }),
				payment({ tip: '300', to: 'acct_A', created: period.start - 1 }),
				payment({ tip: '300', to: 'acct_A', created: period.start }),
			],
			keys,
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_A', currency: 'usd', amount: 300, tipCount: 1, refundedTips: 0 },
		]);
	});

	it('reduces a tip by the refunded share and pays nothing for a full refund', () => {
		expect(tipAfterRefunds(1_000, 10_000, 2_500)).toBe(750);
		expect(tipAfterRefunds(333, 1_000, 1)).toBe(332);
		expect(tipAfterRefunds(1_000, 10_000, 10_000)).toBe(0);
		expect(tipAfterRefunds(1_000, 10_000, 0)).toBe(1_000);
		const aggregation = aggregateTips(
			[
				payment({ tip: '1000', to: 'acct_A', amount: 10_000, refunded: 2_500 }),
				payment({ tip: '1000', to: 'acct_A', amount: 10_000, refunded: 10_000 }),
			],
			keys,
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_A', currency: 'usd', amount: 750, tipCount: 2, refundedTips: 2 },
		]);
	});

	it('reports unusable tip metadata naming the key and the fix', () => {
		const bad = [
			payment({ tip: '2.50', to: 'acct_A' }),
			payment({ tip: '300', to: 'bob' }),
			payment({ tip: '300' }),
			payment({ to: 'acct_A' }),
			payment({ tip: '9000', to: 'acct_A', amount: 5_000 }),
		];
		const aggregation = aggregateTips(bad, keys, period);
		expect(aggregation.groups).toEqual([]);
		expect(aggregation.invalid.map((invalid) => [invalid.paymentIntent, invalid.field])).toEqual([
			[bad[0].id, 'metadata.tip_amount'],
			[bad[1].id, 'metadata.tip_recipient'],
			[bad[2].id, 'metadata.tip_recipient'],
			[bad[3].id, 'metadata.tip_amount'],
			[bad[4].id, 'metadata.tip_amount'],
		]);
		expect(aggregation.invalid[0].message).toMatch(/"2.50" is not a whole number of minor units/);
		expect(aggregation.invalid[1].message).toMatch(/"bob" is not a connected account id/);
	});

	it('reads the configured metadata keys', () => {
		const aggregation = aggregateTips(
			[payment({ metadata: { gratuity: '400', staff: 'acct_C' } })],
			{ amount: 'gratuity', recipient: 'staff' },
			period,
		);
		expect(aggregation.groups).toEqual([
			{ recipient: 'acct_C', currency: 'usd', amount: 400, tipCount: 1, refundedTips: 0 },
		]);
	});
});
