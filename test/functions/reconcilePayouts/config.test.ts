import { describe, expect, it } from 'vitest';

import { effectiveRequestsPerSecond, requireEventBusName } from '../../../functions/shared/config';
import { configErrorOf } from '../../support/configErrors';
import { readReconciliationConfig } from '../../../functions/reconcilePayouts/config';

const KEY = 'sk_test_51ConfigTestKey0000000000';

describe('reconciliation configuration', () => {
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
			const error = configErrorOf(() => readReconciliationConfig(env));
			expect(error.setting).toBe(setting);
			expect(error.message.startsWith(`${setting}: `)).toBe(true);
			expect(error.message).toMatch(message);
			expect(error.message).not.toContain(KEY);
			expect(error.message).not.toContain('pk_test_abcdefghijkl');
		}
	});
});
