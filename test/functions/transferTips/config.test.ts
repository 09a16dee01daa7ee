import { describe, expect, it } from 'vitest';

import { configErrorOf } from '../../support/configErrors';
import { parseMinimumAmounts, readTipsConfig } from '../../../functions/transferTips/config';

describe('tip configuration', () => {
	it('reads the tip settings and their defaults', () => {
		expect(readTipsConfig({})).toMatchObject({
			timeZone: 'UTC',
			minimumAmounts: { byCurrency: {}, fallback: 100 },
			amountMetadataKey: 'tip_amount',
			recipientMetadataKey: 'tip_recipient',
		});
		expect(
			readTipsConfig({
				TIPS_TIME_ZONE: 'Europe/Berlin',
				TIPS_MINIMUM_AMOUNT: 'usd=500, JPY=1000, *=200',
				TIPS_AMOUNT_METADATA_KEY: 'gratuity',
				TIPS_RECIPIENT_METADATA_KEY: 'staff_account',
			}),
		).toMatchObject({
			timeZone: 'Europe/Berlin',
			minimumAmounts: { byCurrency: { usd: 500, jpy: 1000 }, fallback: 200 },
			amountMetadataKey: 'gratuity',
			recipientMetadataKey: 'staff_account',
		});
		expect(parseMinimumAmounts('250')).toEqual({ byCurrency: {}, fallback: 250 });
	});

	it('names the tip setting that is malformed', () => {
		const cases: Array<[Record<string, string>, string, RegExp]> = [
			[{ TIPS_TIME_ZONE: 'Mars/Olympus' }, 'TIPS_TIME_ZONE', /not an IANA time zone/],
			[
				{ TIPS_MINIMUM_AMOUNT: '1.50' },
				'TIPS_MINIMUM_AMOUNT',
				/"1.50" is not currency=amount|not a whole number/,
			],
			[{ TIPS_MINIMUM_AMOUNT: 'dollars=100' }, 'TIPS_MINIMUM_AMOUNT', /three-letter currency code/],
			[{ TIPS_MINIMUM_AMOUNT: 'usd=-1' }, 'TIPS_MINIMUM_AMOUNT', /"-1" is not a whole number/],
			[{ TIPS_AMOUNT_METADATA_KEY: 'tip[amount]' }, 'TIPS_AMOUNT_METADATA_KEY', /square brackets/],
			[{ TIPS_RECIPIENT_METADATA_KEY: 'tip_amount' }, 'TIPS_RECIPIENT_METADATA_KEY', /same key/],
		];
		for (const [env, setting, message] of cases) {
			const error = configErrorOf(() => readTipsConfig(env));
			expect(error.setting).toBe(setting);
			expect(error.message).toMatch(message);
		}
	});
});
