import { describe, expect, it } from 'vitest';

import {
	RETRY_BASE_DELAY_MS,
	RETRY_MAX_DELAY_MS,
	retryDelayMs,
	shouldRetryStripeResponse,
} from '../../../../nodes/shared/retry';

describe('shouldRetryStripeResponse', () => {
	it.each([
		[429, {}, true],
		[409, {}, true],
		[500, {}, true],
		[503, {}, true],
		[undefined, undefined, true],
		[400, {}, false],
		[402, {}, false],
		[404, {}, false],
		[503, { 'stripe-should-retry': 'false' }, false],
		[429, { 'stripe-should-retry': 'false' }, false],
		[400, { 'stripe-should-retry': 'true' }, true],
	])('status %s with %j → %s', (status, headers, expected) => {
		expect(shouldRetryStripeResponse(status, headers)).toBe(expected);
	});
});

describe('retryDelayMs', () => {
	it('doubles per attempt with jitter between half and the full step', () => {
		expect(retryDelayMs(0, () => 0)).toBe(RETRY_BASE_DELAY_MS / 2);
		expect(retryDelayMs(0, () => 1)).toBe(RETRY_BASE_DELAY_MS);
		expect(retryDelayMs(2, () => 1)).toBe(RETRY_BASE_DELAY_MS * 4);
	});

	it('never exceeds the cap', () => {
		expect(retryDelayMs(20, () => 1)).toBe(RETRY_MAX_DELAY_MS);
		expect(retryDelayMs(20, () => 0)).toBe(RETRY_MAX_DELAY_MS / 2);
	});
});
