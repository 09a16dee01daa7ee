import { describe, expect, it } from 'vitest';

import { baseUrlOf, pacingLimitsOf } from '../../../../nodes/shared/transport/credentialSettings';

describe('baseUrlOf', () => {
	it("takes the credential's base URL without trailing slashes, Stripe's when empty", () => {
		expect(baseUrlOf({ baseUrl: 'http://127.0.0.1:12111//' })).toBe('http://127.0.0.1:12111');
		expect(baseUrlOf({ baseUrl: '  ' })).toBe('https://api.stripe.com');
		expect(baseUrlOf({})).toBe('https://api.stripe.com');
	});
});

describe('pacingLimitsOf', () => {
	const testKey = ['sk', 'test', 'pacingLimits1'].join('_');
	const liveKey = ['rk', 'live', 'pacingLimits1'].join('_');

	it("uses Stripe's limit for the key's mode when the credential says 0 or nothing", () => {
		expect(pacingLimitsOf({ secretKey: testKey })).toEqual({
			requestsPerSecond: 25,
			maxInFlight: 25,
		});
		expect(
			pacingLimitsOf({ secretKey: liveKey, requestsPerSecond: 0, maxRequestsInFlight: 0 }),
		).toEqual({ requestsPerSecond: 100, maxInFlight: 100 });
	});

	it("takes the credential's own rate and cap; the cap defaults to one second of requests", () => {
		expect(pacingLimitsOf({ secretKey: liveKey, requestsPerSecond: 40 })).toEqual({
			requestsPerSecond: 40,
			maxInFlight: 40,
		});
		expect(
			pacingLimitsOf({ secretKey: testKey, requestsPerSecond: 10, maxRequestsInFlight: 3 }),
		).toEqual({ requestsPerSecond: 10, maxInFlight: 3 });
	});

	it.each([-1, 1.5, '10', 10_001])('refuses %j, naming the credential field', (value) => {
		expect(() => pacingLimitsOf({ secretKey: testKey, requestsPerSecond: value })).toThrow(
			'Stripe Connect API credential → Requests per Second',
		);
	});
});
