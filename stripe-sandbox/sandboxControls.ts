import type { SandboxCore } from './core';
import type { FaultInjector, FaultSpec } from './faults';
import { RateLimiter } from './faults';
import type { RecordedRequest } from './requestLog';
import type { PipelineSettings, StripeRequestPipeline } from './requestPipeline';
import type { ScenarioBuilders } from './scenarios';
import type { DemoSeedSummary } from './seed/demo';
import { advanceTime } from './timeline';
import type { WebhookDelivery } from './webhooks';

/** Filter for `requests()`: by method, path (exact or RegExp) and Stripe-Account. */
export interface RequestFilter {
	method?: string;
	path?: string | RegExp;
	stripeAccount?: string;
}

/**
 * What a test, or the control API for a sandbox in another process, can do to a sandbox: read the
 * request log and the webhook deliveries, plan failures, move the clock and build state.
 */
export interface SandboxControls {
	platformAccountId: string;
	state: ScenarioBuilders;
	/** Ids of the demo's notable objects when started with `seed: 'demo'`. */
	demo: DemoSeedSummary | undefined;
	requests(filter?: RequestFilter): RecordedRequest[];
	clearRequests(): void;
	injectFaults(fault: FaultSpec): void;
	clearFaults(): void;
	setLatency(ms: number): void;
	setRateLimit(requestsPerSecond: number | undefined): void;
	now(): number;
	advanceTime(seconds: number): Promise<number>;
	deliveries(): WebhookDelivery[];
	redeliver(eventId: string, endpointId?: string): Promise<void>;
	flushDeliveries(): Promise<void>;
	/** Points Amazon EventBridge destinations at a PutEvents endpoint (undefined: none). */
	setEventBridgeEndpoint(url: string | undefined): void;
}

function matchesFilter(request: RecordedRequest, filter: RequestFilter | undefined): boolean {
	if (!filter) return true;
	if (filter.method && filter.method.toUpperCase() !== request.method) return false;
	if (filter.stripeAccount !== undefined && filter.stripeAccount !== request.stripeAccount)
		return false;
	if (filter.path instanceof RegExp) return filter.path.test(request.path);
	if (typeof filter.path === 'string') return filter.path === request.path;
	return true;
}

/** The parts of a sandbox its controls act on. */
export interface ControlledParts {
	core: SandboxCore;
	state: ScenarioBuilders;
	demo: DemoSeedSummary | undefined;
	pipeline: StripeRequestPipeline;
	faults: FaultInjector;
	settings: PipelineSettings;
}

/** The controls of a sandbox, ready before its server listens. */
export function createSandboxControls(parts: ControlledParts): SandboxControls {
	const { core, pipeline, faults, settings } = parts;
	return {
		platformAccountId: core.platformAccountId,
		state: parts.state,
		demo: parts.demo,
		requests: (filter) => pipeline.log.filter((request) => matchesFilter(request, filter)),
		clearRequests: () => {
			pipeline.log.length = 0;
		},
		injectFaults: (fault) => faults.add(fault),
		clearFaults: () => faults.clear(),
		setLatency: (ms) => {
			settings.latencyMs = ms;
		},
		setRateLimit: (requestsPerSecond) => {
			settings.rateLimiter = requestsPerSecond ? new RateLimiter(requestsPerSecond) : undefined;
		},
		now: () => core.now(),
		advanceTime: (seconds) => advanceTime(core, seconds),
		deliveries: () => [...core.webhooks.log],
		redeliver: async (eventId, endpointId) => {
			core.webhooks.redeliver(eventId, endpointId);
			await core.webhooks.flush();
		},
		flushDeliveries: () => core.webhooks.flush(),
		setEventBridgeEndpoint: (url) => {
			core.webhooks.eventBridgeEndpoint = url;
		},
	};
}
