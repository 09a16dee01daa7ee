import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
	createObservability,
	describeError,
	MetricUnit,
	redactSecrets,
	runInvocation,
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

describe('runInvocation', () => {
	let lambda: LambdaEnvironment;
	const printed = () => lambda.output.join('');

	beforeEach(() => {
		lambda = enterLambdaEnvironment({});
	});
	afterEach(() => lambda.restore());

	it('logs a failed invocation with its fields and rethrows it, secrets redacted', async () => {
		const observability = createObservability('invocation-test');
		const failure = new Error('Stripe refused sk_test_51Secret');
		await expect(
			runInvocation(observability, 'Batch failed', () => Promise.reject(failure), {
				runId: 'run-7',
			}),
		).rejects.toBe(failure);

		expect(printed()).toMatch(/"message":"Batch failed".*"runId":"run-7".*"error":\{/);
		expect(printed()).toContain('Stripe refused sk_test_[redacted]');
		expect(printed()).not.toContain('sk_test_51Secret');
	});

	it('flushes the invocation’s metrics whether the work succeeds or fails', async () => {
		const observability = createObservability('invocation-test');
		observability.metrics.addMetric('BatchesDone', MetricUnit.Count, 1);
		await expect(runInvocation(observability, 'Batch failed', async () => 'done')).resolves.toBe(
			'done',
		);
		expect(printed()).toContain('"BatchesDone"');

		observability.metrics.addMetric('BatchesFailed', MetricUnit.Count, 1);
		await expect(
			runInvocation(observability, 'Batch failed', () => Promise.reject(new Error('no'))),
		).rejects.toThrow('no');
		expect(printed()).toContain('"BatchesFailed"');
	});
});
