/**
 * What the job scenarios share: the sandbox with Stripe-like latency and rate limit, the loopback
 * EventBridge stand-in, and the Lambda environment a job reads, as serverless.yml would set it.
 */
import { resolve } from 'node:path';

import { startSandbox, type RecordedRequest, type StripeSandbox } from '../../stripe-sandbox';
import { watchActivity, type ActivitySpan } from './activity';
import {
	startEventBridgeStandIn,
	type EventBridgeStandIn,
} from '../../test/support/eventBridgeStandIn';

/** The repository root, for module paths handed to worker processes. */
export const repositoryRoot = resolve(__dirname, '../..');

/** The worker that invokes a Lambda handler in a fresh process. */
export const invokeHandlerWorker = resolve(repositoryRoot, 'bench/workers/invokeHandler.ts');

/** Stripe's live-mode rate limit and a typical API latency, as issue 9 sets them. */
export const STRIPE_LIKE = { rateLimitPerSecond: 100, latencyMs: 50 } as const;

/** The jobs' Lambda settings in serverless.yml (memorySize 512, timeout 900 s) the handlers run within. */
export const JOB_LAMBDA = { memoryMB: 512, timeoutMs: 15 * 60_000 } as const;

/** The event bus name the jobs publish to in the benchmark. */
export const BENCH_EVENT_BUS = 'bench-bus';

/** A sandbox and an EventBridge stand-in, closed together. */
export interface JobEnvironment {
	sandbox: StripeSandbox;
	eventBridge: EventBridgeStandIn;
	close(): Promise<void>;
}

/** Starts the sandbox (without limits: seeding and checks run first) and the EventBridge stand-in. */
export async function startJobEnvironment(): Promise<JobEnvironment> {
	const sandbox = await startSandbox();
	const eventBridge = await startEventBridgeStandIn();
	return {
		sandbox,
		eventBridge,
		close: async () => {
			await Promise.all([sandbox.close(), eventBridge.close()]);
		},
	};
}

/**
 * The environment of a job's Lambda as serverless.yml sets it, pointed at the local servers: the
 * key inline instead of SSM, the request rate at the sandbox's limit.
 */
export function jobLambdaEnvironment(
	environment: JobEnvironment,
	overrides: Record<string, string> = {},
): Record<string, string> {
	return {
		STRIPE_SECRET_KEY: environment.sandbox.secretKey,
		STRIPE_API_BASE: environment.sandbox.url,
		STRIPE_REQUESTS_PER_SECOND: String(STRIPE_LIKE.rateLimitPerSecond),
		EVENT_BUS_NAME: BENCH_EVENT_BUS,
		AWS_ENDPOINT_URL_EVENTBRIDGE: environment.eventBridge.url,
		AWS_REGION: 'eu-west-1',
		AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
		AWS_SECRET_ACCESS_KEY: 'benchmark-secret',
		POWERTOOLS_SERVICE_NAME: 'stripe-connect-jobs',
		POWERTOOLS_METRICS_NAMESPACE: 'StripeConnectJobs',
		POWERTOOLS_LOG_LEVEL: 'INFO',
		// The AWS SDK's Node 20 end-of-support notice is not a benchmark figure.
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
		...overrides,
	};
}

/** Counts of what the sandbox answered. */
export interface WireCounts {
	calls: number;
	rateLimited: number;
	serverErrors: number;
	otherErrors: number;
}

/** Counts requests by outcome: every request is a call Stripe would count. */
export function countWire(requests: RecordedRequest[]): WireCounts {
	return {
		calls: requests.length,
		rateLimited: requests.filter((request) => request.status === 429).length,
		serverErrors: requests.filter((request) => request.status >= 500).length,
		otherErrors: requests.filter(
			(request) => request.status >= 400 && request.status < 500 && request.status !== 429,
		).length,
	};
}

/** How long a job spent calling Stripe and publishing, seen from the servers it talked to. */
export interface JobPhases {
	stripe: ActivitySpan;
	publishing: ActivitySpan;
}

/** Starts timing a job's phases: first to last Stripe response, first to last PutEvents request. */
export function watchJobPhases(environment: JobEnvironment): { stop(): JobPhases } {
	const stripe = watchActivity(() => environment.sandbox.requests().length);
	const publishing = watchActivity(() => environment.eventBridge.requests().length);
	return { stop: () => ({ stripe: stripe.stop(), publishing: publishing.stop() }) };
}

/** The phases in one line for a figure's note. */
export function describePhases(phases: JobPhases): string {
	return `Stripe calls ${phases.stripe.spanSeconds.toFixed(1)} s (first to last response), publishing ${phases.publishing.spanSeconds.toFixed(1)} s`;
}
