import { describe, expect, it } from 'vitest';

import {
	ConfigError,
	effectiveRequestsPerSecond,
	parseMinimumAmounts,
	readReconciliationConfig,
	readTipsConfig,
	requireEventBusName,
} from '../../../functions/shared/config';

const KEY = 'sk_test_51ConfigTestKey0000000000';

function failureOf(read: () => unknown): ConfigError {
	try {
		read();
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('job configuration', () => {
	it('reads defaults that need only a key', () => {
		const config = readReconciliationConfig({ STRIPE_SECRET_KEY: KEY });
		expect(config).toEqual({
			stripeKey: { kind: 'inline', secretKey: KEY },
			stripeApiBase: new URL('https://api.stripe.com'),
			eventBusName: undefined,
			requestsPerSecond: undefined,
			maxConcurrency: 16,
			maxAttempts: 5,
			stopBeforeDeadlineMs: 30_000,
			lookbackHours: 24,
			overlapHours: 6,
			overdueGraceHours: 48,
			accounts: undefined,
		});
		expect(effectiveRequestsPerSecond(config, KEY)).toBe(20);
		expect(effectiveRequestsPerSecond(config, 'sk_live_51ConfigTestKey0000000000')).toBe(80);
	});

	it('reads every setting when given', () => {
		const config = readReconciliationConfig({
			STRIPE_SECRET_KEY_PARAMETER: '/stripe/prod/secret-key',
			STRIPE_API_BASE: 'http://127.0.0.1:12111',
			EVENT_BUS_NAME: 'payments',
			STRIPE_REQUESTS_PER_SECOND: '12.5',
			STRIPE_MAX_CONCURRENCY: '4',
			RECONCILE_LOOKBACK_HOURS: '48',
			RECONCILE_OVERLAP_HOURS: '0',
			PAYOUT_OVERDUE_GRACE_HOURS: '24',
			RECONCILE_ACCOUNTS: 'acct_1, acct_2,acct_1',
		});
		expect(config).toMatchObject({
			stripeKey: { kind: 'ssm', parameterName: '/stripe/prod/secret-key' },
			stripeApiBase: new URL('http://127.0.0.1:12111'),
			eventBusName: 'payments',
			requestsPerSecond: 12.5,
			maxConcurrency: 4,
			lookbackHours: 48,
			overlapHours: 0,
			overdueGraceHours: 24,
			accounts: ['acct_1', 'acct_2'],
		});
		expect(requireEventBusName(config)).toBe('payments');
	});

	it('names the setting and the fix for each malformed value, never echoing a key', () => {
		const cases: Array<[Record<string, string>, string, RegExp]> = [
			[{ STRIPE_SECRET_KEY: 'pk_test_abcdefghijkl' }, 'STRIPE_SECRET_KEY', /publishable key/],
			[{ STRIPE_SECRET_KEY: `${KEY} ` }, 'STRIPE_SECRET_KEY', /spaces or line breaks/],
			[
				{ STRIPE_SECRET_KEY: KEY, STRIPE_SECRET_KEY_PARAMETER: '/x' },
				'STRIPE_SECRET_KEY',
				/Keep only one/,
			],
			[
				{ STRIPE_SECRET_KEY_PARAMETER: 'no spaces allowed' },
				'STRIPE_SECRET_KEY_PARAMETER',
				/SSM parameter name/,
			],
			[{ STRIPE_API_BASE: 'api.stripe.com' }, 'STRIPE_API_BASE', /is not a URL/],
			[{ STRIPE_API_BASE: 'ftp://127.0.0.1' }, 'STRIPE_API_BASE', /bare http\(s\) origin/],
			[{ STRIPE_API_BASE: 'https://api.stripe.com/v1' }, 'STRIPE_API_BASE', /without a path/],
			[{ EVENT_BUS_NAME: 'my bus' }, 'EVENT_BUS_NAME', /not an event bus name/],
			[
				{ STRIPE_REQUESTS_PER_SECOND: 'fast' },
				'STRIPE_REQUESTS_PER_SECOND',
				/between 0.1 and 1000/,
			],
			[
				{ STRIPE_MAX_CONCURRENCY: '2.5' },
				'STRIPE_MAX_CONCURRENCY',
				/whole number between 1 and 100/,
			],
			[{ RECONCILE_LOOKBACK_HOURS: '0' }, 'RECONCILE_LOOKBACK_HOURS', /between 1 and 2160/],
			[
				{ RECONCILE_ACCOUNTS: 'acct_1,cus_2' },
				'RECONCILE_ACCOUNTS',
				/"cus_2" is not a connected account id/,
			],
		];
		for (const [env, setting, message] of cases) {
			const error = failureOf(() => readReconciliationConfig(env));
			expect(error.setting).toBe(setting);
			expect(error.message.startsWith(`${setting}: `)).toBe(true);
			expect(error.message).toMatch(message);
			expect(error.message).not.toContain(KEY);
			expect(error.message).not.toContain('pk_test_abcdefghijkl');
		}
	});

	it('fails naming EVENT_BUS_NAME when a deployed job has no bus', () => {
		expect(() => requireEventBusName(readReconciliationConfig({}))).toThrow(
			/^EVENT_BUS_NAME: is not set/,
		);
	});

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
			const error = failureOf(() => readTipsConfig(env));
			expect(error.setting).toBe(setting);
			expect(error.message).toMatch(message);
		}
	});
});
