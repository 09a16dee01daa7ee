import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlRequest } from './controlApi';
import { SandboxCore } from './core';
import { FaultInjector, RateLimiter } from './faults';
import { StripeRequestPipeline, type PipelineSettings } from './requestPipeline';
import { createPlatformAccount } from './resources/platformAccount';
import { createSandboxControls, type SandboxControls } from './sandboxControls';
import { ScenarioBuilders } from './scenarios';
import { seedDemoPlatform } from './seed/demo';

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
	/**
	 * Where Amazon EventBridge event destinations deliver: an EventBridge endpoint speaking
	 * PutEvents (e.g. the test stand-in's URL). Without it, EventBridge deliveries are recorded as failed.
	 */
	eventBridgeEndpoint?: string;
}

/** A running sandbox: its controls, where it listens, and how to stop it. */
export interface StripeSandbox extends SandboxControls {
	url: string;
	port: number;
	secretKey: string;
	/** Waits for queued webhook deliveries, then stops the server. */
	close(): Promise<void>;
}

/** Reads a request body as text, exactly as received. */
async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function answerUnexpectedFailure(response: ServerResponse, error: unknown): void {
	console.error('stripe-sandbox: request failed', error);
	if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
	response.end(
		JSON.stringify({
			error: { type: 'api_error', message: 'An unknown error occurred in the Stripe sandbox.' },
		}),
	);
}

/** Starts a sandbox on 127.0.0.1 and resolves once it is listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<StripeSandbox> {
	const core = new SandboxCore({ now: options.now });
	core.webhooks.eventBridgeEndpoint = options.eventBridgeEndpoint;
	createPlatformAccount(core);
	const state = new ScenarioBuilders(core);
	const demo = options.seed === 'demo' ? seedDemoPlatform(core, state) : undefined;
	const faults = new FaultInjector();
	const settings: PipelineSettings = {
		latencyMs: options.latencyMs ?? 0,
		rateLimiter: options.rateLimitPerSecond
			? new RateLimiter(options.rateLimitPerSecond)
			: undefined,
	};
	const pipeline = new StripeRequestPipeline(core, faults, settings);
	const controls = createSandboxControls({ core, state, demo, pipeline, faults, settings });
	const server = createServer((request, response) => {
		readBody(request)
			.then((rawBody) =>
				(request.url ?? '').startsWith('/_sandbox/')
					? handleControlRequest(controls, request, response, rawBody)
					: pipeline.handle(request, response, rawBody),
			)
			.catch((error: unknown) => answerUnexpectedFailure(response, error));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		...controls,
		url: `http://127.0.0.1:${port}`,
		port,
		secretKey: SANDBOX_SECRET_KEY,
		close: async () => {
			await core.webhooks.flush();
			await new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
		},
	};
}
