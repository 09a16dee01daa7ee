import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

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

/**
 * Runs the work of one Lambda invocation: a failure is logged as `failureMessage` (with `logFields`)
 * and rethrown so Lambda records it; the invocation's metrics are flushed either way.
 */
export async function runInvocation<T>(
	{ logger, metrics }: Observability,
	failureMessage: string,
	work: () => Promise<T>,
	logFields: Record<string, unknown> = {},
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		logger.error(failureMessage, { ...logFields, error: describeError(error) });
		throw error;
	} finally {
		metrics.publishStoredMetrics();
	}
}

export { MetricUnit };
