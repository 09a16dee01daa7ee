import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountInvalid, apiKeyFromHeader, authenticate, authorize } from './auth';
import type { SandboxCore } from './core';
import { SANDBOX_API_VERSION } from './core';
import { StripeApiError } from './errors';
import { faultError, rateLimitError, type FaultInjector, type RateLimiter } from './faults';
import type { FormObject } from './formCodec';
import { decodeStripeForm } from './formCodec';
import type { StoredResponse } from './idempotency';
import { IdempotencyStore } from './idempotency';
import { validateStripeRequest } from './openapi/validateRequest';
import { ROUTES } from './routes';

/** One request the sandbox received, as tests read it back. */
export interface RecordedRequest {
	method: string;
	path: string;
	query: FormObject;
	rawQuery: string;
	headers: Record<string, string>;
	rawBody: string;
	body: FormObject;
	stripeAccount: string | undefined;
	idempotencyKey: string | undefined;
	status: number;
	responseBody: unknown;
	requestId: string;
}

/** An API request as the pipeline executes it, decoded from the HTTP request. */
interface ApiRequest {
	method: string;
	path: string;
	query: FormObject;
	body: FormObject;
	/** The Authorization header, which carries the API key. */
	authorization: string | undefined;
	requestId: string;
	stripeAccount: string | undefined;
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

/**
 * Completes a log entry with `responseBody` parsed from the text that was sent, on first read: the
 * parse costs nothing for requests no test looks at, and the entry cannot see later changes to the
 * objects the body was made from.
 */
function withResponseBodyFrom(
	text: string,
	entry: Omit<RecordedRequest, 'responseBody'>,
): RecordedRequest {
	return Object.defineProperty(entry, 'responseBody', {
		configurable: true,
		enumerable: true,
		get(this: RecordedRequest) {
			const parsed: unknown = JSON.parse(text);
			Object.defineProperty(this, 'responseBody', {
				configurable: true,
				enumerable: true,
				writable: true,
				value: parsed,
			});
			return parsed;
		},
	}) as RecordedRequest;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function errorResponse(error: StripeApiError): StoredResponse {
	return { status: error.status, body: { error: error.body }, headers: error.headers };
}

/**
 * Serves Stripe API requests: latency, rate limit, injected faults, authentication,
 * Stripe-Account scoping, spec validation, idempotency, the handler, and the request log.
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
		const rawQuery = url.search.replace(/^\?/, '');
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers)) {
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
		}
		const stripeAccount = headerValue(request, 'stripe-account') || undefined;
		const idempotencyKey = headerValue(request, 'idempotency-key') || undefined;
		let query: FormObject = {};
		let body: FormObject = {};
		let result: StoredResponse;
		let replayed = false;
		try {
			query = decodeStripeForm(rawQuery);
			body = decodeStripeForm(rawBody);
			if (this.settings.latencyMs > 0)
				await new Promise((resolve) => setTimeout(resolve, this.settings.latencyMs));
			const outcome = this.execute({
				method,
				path: url.pathname,
				query,
				body,
				authorization: headerValue(request, 'authorization'),
				requestId,
				stripeAccount,
				idempotencyKey,
			});
			result = outcome.response;
			replayed = outcome.replayed;
		} catch (error) {
			result = this.failure(error);
		}
		const responseHeaders: Record<string, string> = {
			'Content-Type': 'application/json',
			'Request-Id': requestId,
			'Stripe-Version': headerValue(request, 'stripe-version') ?? SANDBOX_API_VERSION,
			'Access-Control-Allow-Origin': '*',
			...result.headers,
			...(idempotencyKey && method === 'POST' ? { 'Idempotency-Key': idempotencyKey } : {}),
			...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
		};
		// Serialised once, compactly: the same text is sent and kept for the log, which parses it only
		// when a test reads `responseBody`, so the log shows the body exactly as it was sent.
		const text = JSON.stringify(result.body);
		this.log.push(
			withResponseBodyFrom(text, {
				method,
				path: url.pathname,
				query,
				rawQuery,
				headers,
				rawBody,
				body,
				stripeAccount,
				idempotencyKey,
				status: result.status,
				requestId,
			}),
		);
		response.writeHead(result.status, responseHeaders);
		response.end(text);
	}

	private failure(error: unknown): StoredResponse {
		if (error instanceof StripeApiError) return errorResponse(error);
		console.error('stripe-sandbox: unexpected error', error);
		return errorResponse(
			new StripeApiError(500, {
				type: 'api_error',
				message: 'An unknown error occurred in the Stripe sandbox.',
			}),
		);
	}

	private execute(request: ApiRequest): { response: StoredResponse; replayed: boolean } {
		const { method, path, stripeAccount, idempotencyKey } = request;
		if (this.settings.rateLimiter && !this.settings.rateLimiter.tryTake()) throw rateLimitError();
		const fault = this.faults.take(method, path);
		if (fault && !fault.afterExecution) throw faultError(fault);
		const apiKey = apiKeyFromHeader(request.authorization);
		authenticate(this.core, apiKey);
		const key = apiKey as string;
		const account = stripeAccount ?? this.core.platformAccountId;
		if (
			stripeAccount &&
			stripeAccount !== this.core.platformAccountId &&
			!this.core.account(stripeAccount)
		) {
			throw accountInvalid(key, stripeAccount);
		}
		const params = method === 'POST' ? { ...request.query, ...request.body } : request.query;
		const validated = validateStripeRequest(method, path, params);
		authorize(this.core, key, account, method, validated.template);
		const handler = ROUTES[`${method} ${validated.template}`];
		if (!handler) {
			throw new StripeApiError(404, {
				type: 'invalid_request_error',
				message: `The Stripe sandbox does not implement ${method} ${validated.template}. Unrecognized request URL (${method}: ${path}).`,
			});
		}
		const scope = `${key}\n${account}`;
		const useIdempotency = method === 'POST' && idempotencyKey !== undefined;
		if (useIdempotency) {
			const stored = this.idempotency.begin(
				scope,
				idempotencyKey,
				`${method} ${path} ${stableStringify(params)}`,
			);
			if (stored) return { response: stored, replayed: true };
		}
		let response: StoredResponse;
		this.core.currentRequest = { id: request.requestId, idempotency_key: idempotencyKey ?? null };
		try {
			const result = handler({
				core: this.core,
				account,
				asPlatform: account === this.core.platformAccountId,
				params: validated.params,
				pathParams: validated.pathParams,
				path,
			});
			response = { status: 200, body: result, headers: {} };
		} catch (error) {
			if (!(error instanceof StripeApiError)) {
				if (useIdempotency) this.idempotency.abandon(scope, idempotencyKey);
				throw error;
			}
			response = errorResponse(error);
		} finally {
			this.core.currentRequest = undefined;
		}
		if (fault?.afterExecution) response = errorResponse(faultError(fault));
		if (useIdempotency) this.idempotency.complete(scope, idempotencyKey, response);
		return { response, replayed: false };
	}
}
