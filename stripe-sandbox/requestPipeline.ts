import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { actingAccount, apiKeyFromHeader, authenticate, authorize } from './auth';
import type { SandboxCore } from './core';
import { SANDBOX_API_VERSION } from './core';
import { StripeApiError, v2ErrorBody } from './errors';
import { faultError, rateLimitError, type FaultInjector, type RateLimiter } from './faults';
import type { FormObject } from './formCodec';
import { decodeStripeForm } from './formCodec';
import type { StoredResponse } from './idempotency';
import { IdempotencyStore } from './idempotency';
import type { RecordedRequest } from './requestLog';
import { recordedRequest } from './requestLog';
import type { RoutableRequest } from './routing';
import { routeRequest } from './routing';
import { decodeV2Query, isV2Path, parseV2Body } from './v2/request';

/** An API request as the pipeline executes it, decoded from the HTTP request. */
interface ApiRequest extends RoutableRequest {
	/** The Authorization header, which carries the API key. */
	authorization: string | undefined;
	requestId: string;
	stripeAccount: string | undefined;
	stripeContext: string | undefined;
	idempotencyKey: string | undefined;
}

/** Switches the test API flips at run time. */
export interface PipelineSettings {
	latencyMs: number;
	rateLimiter: RateLimiter | undefined;
}

function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map(
				(key) =>
					`${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`,
			)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** Stripe's error body for the API family the request belongs to. */
function errorResponse(error: StripeApiError, apiMode: 'v1' | 'v2'): StoredResponse {
	const body = apiMode === 'v2' ? v2ErrorBody(error) : error.body;
	return { status: error.status, body: { error: body }, headers: error.headers };
}

/** Requests an idempotency key applies to: POST in v1; POST and DELETE in v2. */
function takesIdempotencyKey(apiMode: 'v1' | 'v2', method: string): boolean {
	return method === 'POST' || (apiMode === 'v2' && method === 'DELETE');
}

/**
 * Serves Stripe API requests, v1 (form-encoded) and v2 (JSON): latency, rate limit, injected
 * faults, authentication, Stripe-Account / Stripe-Context scoping, validation, idempotency, the
 * handler, and the request log.
 */
export class StripeRequestPipeline {
	readonly log: RecordedRequest[] = [];
	private readonly idempotency = new IdempotencyStore();

	constructor(
		private readonly core: SandboxCore,
		private readonly faults: FaultInjector,
		private readonly settings: PipelineSettings,
	) {}

	/** Answers one HTTP request and records it. */
	async handle(request: IncomingMessage, response: ServerResponse, rawBody: string): Promise<void> {
		const requestId = `req_${randomBytes(7).toString('hex')}`;
		const method = (request.method ?? 'GET').toUpperCase();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const apiMode = isV2Path(url.pathname) ? 'v2' : 'v1';
		const rawQuery = url.search.replace(/^\?/, '');
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers)) {
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
		}
		const stripeAccount = headerValue(request, 'stripe-account') || undefined;
		const stripeContext = headerValue(request, 'stripe-context') || undefined;
		const idempotencyKey = headerValue(request, 'idempotency-key') || undefined;
		let query: FormObject = {};
		let body: FormObject = {};
		let jsonBody: Record<string, unknown> | undefined;
		let result: StoredResponse;
		let replayed = false;
		try {
			if (apiMode === 'v2') {
				query = decodeV2Query(rawQuery);
				jsonBody = parseV2Body(rawBody);
			} else {
				query = decodeStripeForm(rawQuery);
				body = decodeStripeForm(rawBody);
			}
			if (this.settings.latencyMs > 0)
				await new Promise((resolve) => setTimeout(resolve, this.settings.latencyMs));
			const outcome = this.execute({
				apiMode,
				method,
				path: url.pathname,
				query,
				body,
				jsonBody,
				authorization: headerValue(request, 'authorization'),
				requestId,
				stripeAccount,
				stripeContext,
				idempotencyKey,
			});
			result = outcome.response;
			replayed = outcome.replayed;
		} catch (error) {
			result = this.failure(error, apiMode);
		}
		const responseHeaders: Record<string, string> = {
			'Content-Type': 'application/json',
			'Request-Id': requestId,
			'Stripe-Version': headerValue(request, 'stripe-version') ?? SANDBOX_API_VERSION,
			'Access-Control-Allow-Origin': '*',
			...result.headers,
			...(idempotencyKey && takesIdempotencyKey(apiMode, method)
				? { 'Idempotency-Key': idempotencyKey }
				: {}),
			...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
		};
		// Serialised once, compactly: the same text is sent and kept for the log, which parses it only
		// when a test reads `responseBody`, so the log shows the body exactly as it was sent.
		const text = JSON.stringify(result.body);
		this.log.push(
			recordedRequest(text, {
				method,
				path: url.pathname,
				query,
				rawQuery,
				headers,
				rawBody,
				body,
				jsonBody,
				stripeAccount,
				stripeContext,
				idempotencyKey,
				status: result.status,
				requestId,
			}),
		);
		response.writeHead(result.status, responseHeaders);
		response.end(text);
	}

	private failure(error: unknown, apiMode: 'v1' | 'v2'): StoredResponse {
		if (error instanceof StripeApiError) return errorResponse(error, apiMode);
		console.error('stripe-sandbox: unexpected error', error);
		return errorResponse(
			new StripeApiError(500, {
				type: 'api_error',
				message: 'An unknown error occurred in the Stripe sandbox.',
			}),
			apiMode,
		);
	}

	private execute(request: ApiRequest): { response: StoredResponse; replayed: boolean } {
		const { apiMode, method, path, idempotencyKey } = request;
		if (this.settings.rateLimiter && !this.settings.rateLimiter.tryTake()) throw rateLimitError();
		const fault = this.faults.take(method, path);
		if (fault && !fault.afterExecution) throw faultError(fault);
		const apiKey = apiKeyFromHeader(request.authorization);
		authenticate(this.core, apiKey);
		const key = apiKey as string;
		const account = actingAccount(this.core, key, request);
		const routed = routeRequest(request);
		authorize(this.core, key, account, method, routed.template);
		const scope = `${key}\n${account}`;
		const useIdempotency = takesIdempotencyKey(apiMode, method) && idempotencyKey !== undefined;
		if (useIdempotency) {
			const stored = this.idempotency.begin(
				scope,
				idempotencyKey,
				`${method} ${path} ${stableStringify(routed.fingerprintParams)}`,
				apiMode === 'v2' ? 409 : 400,
			);
			if (stored) return { response: stored, replayed: true };
		}
		let response: StoredResponse;
		let executed = false;
		this.core.currentRequest = { id: request.requestId, idempotency_key: idempotencyKey ?? null };
		try {
			const result = routed.run({
				core: this.core,
				account,
				asPlatform: account === this.core.platformAccountId,
				path,
			});
			response = { status: 200, body: result, headers: {} };
			executed = true;
		} catch (error) {
			if (!(error instanceof StripeApiError)) {
				if (useIdempotency) this.idempotency.abandon(scope, idempotencyKey);
				throw error;
			}
			response = errorResponse(error, apiMode);
		} finally {
			this.core.currentRequest = undefined;
		}
		if (useIdempotency && apiMode === 'v2') {
			// v2 keeps what a request did, not how its answer travelled: a success is replayed even when
			// the answer was lost (a fault after execution), a failure runs again on retry.
			if (executed) this.idempotency.complete(scope, idempotencyKey, response);
			else this.idempotency.forget(scope, idempotencyKey);
		}
		if (fault?.afterExecution) response = errorResponse(faultError(fault), apiMode);
		if (useIdempotency && apiMode === 'v1') {
			this.idempotency.complete(scope, idempotencyKey, response);
		}
		return { response, replayed: false };
	}
}
