import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';

import type { DeadlineSource } from './timeBudget';

/** CloudWatch namespace of the jobs' metrics. */
export const METRICS_NAMESPACE = 'StripeConnectJobs';

/** Values that must never reach a log line, whatever field they hide in; group 1 is the kind. */
const SECRET_PATTERN = /\b((?:sk|rk)_(?:live|test)|whsec)_[A-Za-z0-9]+/g;

/** Replaces anything shaped like a Stripe secret with its kind and a marker. */
export function redactSecrets(text: string): string {
	return text.replace(SECRET_PATTERN, (_match, kind: string) => `${kind}_[redacted]`);
}

/** A Powertools logger and metrics pair for one job. */
export interface Observability {
	logger: Logger;
	metrics: Metrics;
}

/**
 * Builds the job's logger and metrics; `silent` keeps local runs' terminals readable (local runs
 * never flush metrics, so EMF lines do not mix with the report).
 */
export function createObservability(
	serviceName: string,
	options: { silent?: boolean } = {},
): Observability {
	const logger = new Logger({
		serviceName,
		// Otherwise Powertools reads POWERTOOLS_LOG_LEVEL itself (INFO by default).
		...(options.silent ? { logLevel: 'SILENT' as const } : {}),
		// Stripe errors can echo request details; keys never appear in them, but redact defensively.
		jsonReplacerFn: (_key: string, value: unknown) =>
			typeof value === 'string' ? redactSecrets(value) : value,
	});
	const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
	return { logger, metrics };
}

/** Describes an error for a log line without its stack or any request body. */
export function describeError(error: unknown): Record<string, unknown> {
	if (typeof error !== 'object' || error === null) return { message: redactSecrets(String(error)) };
	const shape = error as {
		name?: string;
		message?: string;
		code?: string;
		statusCode?: number;
		requestId?: string;
		type?: string;
	};
	return {
		name: shape.name,
		type: shape.type,
		code: shape.code,
		statusCode: shape.statusCode,
		requestId: shape.requestId,
		message: shape.message === undefined ? undefined : redactSecrets(shape.message),
	};
}

/** A job's Lambda handler as the runtime calls it (the tests and the benchmark call it the same way). */
export type JobHandler<Event, Result> = (event: Event, context: DeadlineSource) => Promise<Result>;

/** How a failed invocation is logged: the message, and fields taken from the invocation's event. */
export interface FailureLog<Event> {
	message: string;
	fields?: (event: Event) => Record<string, unknown>;
}

/** Logs a failed invocation (secrets redacted by the logger) before Lambda records the error. */
function logFailure<Event>(logger: Logger, failure: FailureLog<Event>) {
	return {
		onError: (request: { event: Event; error: unknown }) => {
			logger.error(failure.message, {
				...failure.fields?.(request.event),
				error: describeError(request.error),
			});
		},
	};
}

/**
 * Wraps a job's handler in Powertools' own middleware: the Lambda context on every log line
 * (`injectLambdaContext`) and the invocation's metrics flushed when it ends, whether it succeeded
 * or failed (`logMetrics`). A failure is logged as `failure.message`, then rethrown so Lambda
 * records it (and retries or dead-letters the invocation).
 */
export function instrumentHandler<Event, Result>(
	handler: JobHandler<Event, Result>,
	{ logger, metrics }: Observability,
	failure: FailureLog<Event>,
): JobHandler<Event, Result> {
	const instrumented = middy(handler)
		.use(injectLambdaContext(logger))
		.use(logMetrics(metrics))
		.use(logFailure(logger, failure));
	// Middy types the context as aws-lambda's Context; the jobs read only the deadline from it.
	type MiddyContext = Parameters<typeof instrumented>[1];
	return (event, context) => instrumented(event, context as MiddyContext);
}

export { MetricUnit };
