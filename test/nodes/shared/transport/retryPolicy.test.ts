import { describe, expect, it } from 'vitest';

import {
	RETRY_BASE_DELAY_MS,
	RETRY_MAX_DELAY_MS,
	backoffDelayMs,
	classifyStripeFailure,
} from '../../../../nodes/shared/transport/retryPolicy';

describe('classifyStripeFailure', () => {
	it.each([
		[{ statusCode: 429 }, 'slowDown'],
		[{ statusCode: 429, shouldRetryHeader: 'true' }, 'slowDown'],
		[{ statusCode: 429, shouldRetryHeader: 'false' }, 'fail'],
		[{ statusCode: 409 }, 'retry'],
		[{ statusCode: 500 }, 'retry'],
		[{ statusCode: 503 }, 'retry'],
		[{ statusCode: 503, shouldRetryHeader: 'false' }, 'fail'],
		[{ statusCode: 503, shouldRetryHeader: 'False' }, 'fail'],
		[{ statusCode: 400 }, 'fail'],
		[{ statusCode: 402 }, 'fail'],
		[{ statusCode: 404 }, 'fail'],
		[{ statusCode: 400, shouldRetryHeader: 'true' }, 'retry'],
		[{ connectionFailed: true }, 'retry'],
		[{}, 'fail'],
	] as const)('%j → %s', (attempt, verdict) => {
		expect(classifyStripeFailure(attempt)).toBe(verdict);
	});
});

describe('backoffDelayMs', () => {
	it('doubles per retry with jitter between half and the full step', () => {
		expect(backoffDelayMs(0, () => 0)).toBe(RETRY_BASE_DELAY_MS / 2);
		expect(backoffDelayMs(0, () => 1)).toBe(RETRY_BASE_DELAY_MS);
		expect(backoffDelayMs(2, () => 1)).toBe(RETRY_BASE_DELAY_MS * 4);
	});

	it('never exceeds the cap', () => {
		expect(backoffDelayMs(20, () => 1)).toBe(RETRY_MAX_DELAY_MS);
		expect(backoffDelayMs(20, () => 0)).toBe(RETRY_MAX_DELAY_MS / 2);
	});

	it('follows a custom curve', () => {
		expect(backoffDelayMs(1, () => 1, { baseMs: 100, maxMs: 1_000 })).toBe(200);
		expect(backoffDelayMs(9, () => 1, { baseMs: 100, maxMs: 1_000 })).toBe(1_000);
	});
});
