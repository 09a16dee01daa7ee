import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlRequest } from './control';
import { SandboxCore } from './core';
import type { FaultSpec } from './faults';
import { FaultInjector, RateLimiter } from './faults';
import { createPlatformAccount } from './resources/accounts';
import { ScenarioBuilders } from './scenarios';
import type { RecordedRequest, ServerSettings } from './server';
import { readBody, StripeRequestPipeline } from './server';
import type { DemoSeedSummary } from './seed/demo';
import { seedDemoPlatform } from './seed/demo';
import { advanceTime } from './timeline';
import type { WebhookDelivery } from './webhooks';
import { WebhookDispatcher } from './webhooks';

export type { RecordedRequest } from './server';
export type { WebhookDelivery } from './webhooks';
export type { FaultSpec } from './faults';
export type { DemoSeedSummary } from './seed/demo';
export type { StripeObject } from './store';
export { ScenarioBuilders } from './scenarios';
export { validateStripeRequest } from './validation/validateRequest';
export { decodeStripeForm, encodeStripeForm } from './formCodec';
export { signWebhookPayload } from './webhooks';

/** The secret key the sandbox prints; any well-formed `sk_test_…` key authenticates as the platform. */
export const SANDBOX_SECRET_KEY = 'sk_test_51SandboxLocalPlatformKey00000000000000';

/** Options for `startSandbox`. */
export interface SandboxOptions {
	/** TCP port on 127.0.0.1; 0 (default) picks a free one. */
	port?: number;
	/** 'empty' (default): only the platform; 'demo': the seeded demo marketplace. */
	seed?: 'empty' | 'demo';
	/** Requests per second before answering 429 (default: no limit). */
	rateLimitPerSecond?: number;
	/** Delay added to every API response, in milliseconds (default 0). */
	latencyMs?: number;
	/** Initial sandbox clock in unix seconds (default: the wall clock at start). */
	now?: number;
}

/** Filter for `requests()`: by method, path (exact or RegExp) and Stripe-Account. */
export interface RequestFilter {
	method?: string;
	path?: string | RegExp;
	stripeAccount?: string;
}

/** A running sandbox. */
export interface StripeSandbox {
	url: string;
	port: number;
	secretKey: string;
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
	close(): Promise<void>;
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

/** Starts a sandbox on 127.0.0.1 and resolves once it is listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<StripeSandbox> {
	const core = new SandboxCore({ now: options.now });
	core.webhooks = new WebhookDispatcher(core);
	createPlatformAccount(core);
	const state = new ScenarioBuilders(core);
	const demo = options.seed === 'demo' ? seedDemoPlatform(core, state) : undefined;
	const faults = new FaultInjector();
	const settings: ServerSettings = {
		latencyMs: options.latencyMs ?? 0,
		rateLimiter: options.rateLimitPerSecond
			? new RateLimiter(options.rateLimitPerSecond)
			: undefined,
	};
	const pipeline = new StripeRequestPipeline(core, faults, settings);
	const handle: { sandbox?: StripeSandbox } = {};
	const server = createServer((request, response) => {
		readBody(request)
			.then(async (rawBody) => {
				if ((request.url ?? '').startsWith('/_sandbox/')) {
					await handleControlRequest(handle.sandbox as StripeSandbox, request, response, rawBody);
				} else {
					await pipeline.handle(request, response, rawBody);
				}
			})
			.catch((error: unknown) => {
				console.error('stripe-sandbox: request failed', error);
				if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
				response.end(
					JSON.stringify({
						error: {
							type: 'api_error',
							message: 'An unknown error occurred in the Stripe sandbox.',
						},
					}),
				);
			});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const sandbox: StripeSandbox = {
		url: `http://127.0.0.1:${port}`,
		port,
		secretKey: SANDBOX_SECRET_KEY,
		platformAccountId: core.platformAccountId,
		state,
		demo,
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
		close: async () => {
			await core.webhooks.flush();
			await new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
		},
	};
	handle.sandbox = sandbox;
	return sandbox;
}
