import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
	createObservability,
	describeError,
	instrumentHandler,
	MetricUnit,
	redactSecrets,
} from '../../../functions/shared/observability';
import { enterLambdaEnvironment, type LambdaEnvironment } from '../../support/lambdaEnvironment';

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

describe('instrumentHandler', () => {
	let lambda: LambdaEnvironment;
	const printed = () => lambda.output.join('');
	const context = { getRemainingTimeInMillis: () => 60_000 };

	beforeEach(() => {
		lambda = enterLambdaEnvironment({});
	});
	afterEach(() => lambda.restore());

	it('logs a failed invocation with its fields and rethrows it, secrets redacted', async () => {
		const observability = createObservability('invocation-test');
		const failure = new Error('Stripe refused sk_test_51Secret');
		const handler = instrumentHandler<{ runId: string }, never>(
			() => Promise.reject(failure),
			observability,
			{ message: 'Batch failed', fields: (event) => ({ runId: event.runId }) },
		);
		await expect(handler({ runId: 'run-7' }, context)).rejects.toBe(failure);

		expect(printed()).toMatch(/"message":"Batch failed".*"runId":"run-7".*"error":\{/);
		expect(printed()).toContain('Stripe refused sk_test_[redacted]');
		expect(printed()).not.toContain('sk_test_51Secret');
	});

	it('flushes the invocation’s metrics whether the work succeeds or fails', async () => {
		const observability = createObservability('invocation-test');
		const succeeding = instrumentHandler(async () => 'done', observability, {
			message: 'Batch failed',
		});
		observability.metrics.addMetric('BatchesDone', MetricUnit.Count, 1);
		await expect(succeeding({}, context)).resolves.toBe('done');
		expect(printed()).toContain('"BatchesDone"');

		const failing = instrumentHandler(() => Promise.reject(new Error('no')), observability, {
			message: 'Batch failed',
		});
		observability.metrics.addMetric('BatchesFailed', MetricUnit.Count, 1);
		await expect(failing({}, context)).rejects.toThrow('no');
		expect(printed()).toContain('"BatchesFailed"');
	});
});
