import { describe, expect, it } from 'vitest';

import { describeError, redactSecrets } from '../../../functions/shared/observability';

describe('observability helpers', () => {
	it('redact anything shaped like a Stripe secret', () => {
		expect(redactSecrets('key sk_live_51AbCdEf and rk_test_9XyZ, whsec_abc123')).toBe(
			'key sk_live_[redacted] and rk_test_[redacted], whsec_[redacted]',
		);
		expect(redactSecrets('no secrets here: acct_123 po_456')).toBe(
			'no secrets here: acct_123 po_456',
		);
	});

	it('describe an error by its Stripe fields without the stack', () => {
		const error = Object.assign(new Error('Invalid API Key provided: sk_test_51Secret'), {
			type: 'StripeAuthenticationError',
			statusCode: 401,
			requestId: 'req_1',
		});
		expect(describeError(error)).toEqual({
			name: 'Error',
			type: 'StripeAuthenticationError',
			code: undefined,
			statusCode: 401,
			requestId: 'req_1',
			message: 'Invalid API Key provided: sk_test_[redacted]',
		});
	});
});
