import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, getCredentialAllowedDomains, sleep } from 'n8n-workflow';
import { createHash } from 'crypto';

import { DEFAULT_STRIPE_BASE_URL, isLiveModeKey } from '../stripeApi';
import { StripeInputError } from '../validation';
import { appendStripeQuery, encodeStripeBody } from './formEncoding';
import { randomIdempotencyKey, takesIdempotencyKey } from './idempotency';
import type { StripeRequest, StripeResponse } from './request';
import { DEFAULT_MAX_RETRIES, backoffDelayMs, classifyStripeFailure } from './retryPolicy';
import {
	LIVE_MODE_REQUESTS_PER_SECOND,
	TEST_MODE_REQUESTS_PER_SECOND,
	pacerFor,
	type PacerSlot,
	type PacingLimits,
	type StripePacer,
} from './pacing';
import { readStripeError, stripeApiError, type StripeErrorDetails } from './stripeErrors';

/*
 * The one way a Stripe request leaves this package. The action node, the trigger and the credential
 * test describe a StripeRequest; this file turns it into HTTP with the credential's base URL and key,
 * sends it, retries what Stripe says may be retried (always with the same Idempotency-Key, so a
 * request that did reach Stripe is replayed rather than repeated), and turns every failure into one
 * NodeApiError carrying Stripe's message, code, param and request id.
 */

/** The credential type every Stripe call authenticates with. */
export const STRIPE_CREDENTIAL_TYPE = 'stripeConnectApi';

/** The n8n contexts that call Stripe: an item of the action node, the trigger's hooks and webhook. */
export type StripeCallContext = IExecuteSingleFunctions | IHookFunctions | IWebhookFunctions;

type Headers = Record<string, unknown>;

/** n8n's own request settings that survive into every Stripe request (Request Options of the node). */
export type EngineRequestSettings = Pick<
	IHttpRequestOptions,
	'timeout' | 'proxy' | 'skipSslCertificateValidation'
>;

/** How one call is sent. */
export interface SendOptions {
	/** Retries of 409, 5xx, dropped connections and 429s Stripe marks retryable. */
	maxRetries?: number;
	/** The item the call belongs to, for the error. */
	itemIndex?: number;
	/** Node fields by Stripe parameter, so an error can say which field to fix. */
	paramFields?: Record<string, string>;
	/** Error statuses the caller answers itself (the trigger reads 404 as "already gone"). */
	acceptStatuses?: readonly number[];
	/** n8n's request settings to keep (timeout, proxy, SSL). */
	engineSettings?: EngineRequestSettings;
	/** How long one request may keep retrying Stripe's rate limit (429) before it fails. */
	rateLimitWaitMs?: number;
	/** A pacer slot already taken for the first attempt (the request hook takes it before building). */
	firstSlot?: PacerSlot;
}

/** Default of how long a request keeps retrying rate limits: Stripe's 429s pass within seconds. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** The credential data one call needs, read once, and the pacer of its Stripe key. */
export interface StripeConnection {
	baseUrl: string;
	credentials: ICredentialDataDecryptedObject;
	pacer: StripePacer;
	/** The credential's "Allowed HTTP Request Domains" restriction, as n8n applies it (undefined: all). */
	allowedDomains?: string;
}

function headerValue(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** The credential's base URL without trailing slashes; Stripe's own host when it is empty. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const configured = String(credentials.baseUrl ?? '').trim();
	return (configured === '' ? DEFAULT_STRIPE_BASE_URL : configured).replace(/\/+$/, '');
}

function wholeNumberSetting(value: unknown, field: string, fallback: number): number {
	if (value === undefined || value === null || value === '' || value === 0) return fallback;
	const number = typeof value === 'number' ? value : Number.NaN;
	if (!Number.isSafeInteger(number) || number < 0 || number > 10_000) {
		throw new StripeInputError(
			`Stripe Connect API credential → ${field}`,
			`${String(value)} is not a whole number from 0 to 10000 (0 uses the default).`,
		);
	}
	return number;
}

/**
 * The pacing limits of a credential: its Requests per Second, or Stripe's limit for the key's mode
 * (25/s test, 100/s live); its Max Requests in Flight, or as many as one second of requests.
 */
export function pacingLimitsOf(credentials: ICredentialDataDecryptedObject): PacingLimits {
	const live = isLiveModeKey(String(credentials.secretKey ?? ''));
	const requestsPerSecond = wholeNumberSetting(
		credentials.requestsPerSecond,
		'Requests per Second',
		live ? LIVE_MODE_REQUESTS_PER_SECOND : TEST_MODE_REQUESTS_PER_SECOND,
	);
	const maxInFlight = wholeNumberSetting(
		credentials.maxRequestsInFlight,
		'Max Requests in Flight',
		requestsPerSecond,
	);
	return { requestsPerSecond, maxInFlight };
}

/** Reads the Stripe credential once for the calls of one item or hook, and finds its pacer. */
export async function openStripeConnection(context: StripeCallContext): Promise<StripeConnection> {
	const credentials = await (context as IExecuteSingleFunctions).getCredentials(
		STRIPE_CREDENTIAL_TYPE,
	);
	const baseUrl = baseUrlOf(credentials);
	// One pacer per Stripe key and host: a digest, so the key itself is never held as a map key.
	const pacerKey = createHash('sha256')
		.update(`${baseUrl}\n${String(credentials.secretKey ?? '')}`)
		.digest('hex');
	// The base URL comes from the credential itself, so its host joins the credential's allow-list.
	const allowedDomains = getCredentialAllowedDomains({
		node: context.getNode(),
		credentialData: credentials,
		surface: 'Stripe Connect',
		credentialOwnedSurface: true,
		nodeEndpointUrl: baseUrl,
	});
	return {
		baseUrl,
		credentials,
		pacer: pacerFor(pacerKey, pacingLimitsOf(credentials)),
		...(allowedDomains !== undefined ? { allowedDomains } : {}),
	};
}

const CONNECTION_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** True when a request failed before any HTTP answer arrived (connection refused, reset, timed out). */
export function isConnectionError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const candidate = error as { code?: unknown; cause?: { code?: unknown } };
	return [candidate.code, candidate.cause?.code].some(
		(code) => typeof code === 'string' && CONNECTION_ERROR_CODES.has(code),
	);
}

/**
 * The HTTP request for `request`: URL with the encoded query, the body encoded for its API version,
 * and the Stripe headers. A POST (and a v2 DELETE) always carries an Idempotency-Key.
 */
export function toHttpRequest(
	request: StripeRequest,
	baseUrl: string,
	engineSettings: EngineRequestSettings = {},
): IHttpRequestOptions {
	if (request.stripeAccount !== undefined && request.stripeContext !== undefined) {
		throw new StripeInputError(
			'Connected Account and Stripe Context',
			'are both set, but Stripe acts either as a connected account (Stripe-Account) or in a context (Stripe-Context). Keep one of them.',
		);
	}
	const headers: Headers = { Accept: 'application/json' };
	if (request.stripeAccount !== undefined) headers['Stripe-Account'] = request.stripeAccount;
	if (request.stripeContext !== undefined) headers['Stripe-Context'] = request.stripeContext;
	if (request.triggeringEvent !== undefined) {
		headers['Stripe-Request-Trigger'] = `event=${request.triggeringEvent}`;
	}
	const options: IHttpRequestOptions = {
		...engineSettings,
		method: request.method,
		url: appendStripeQuery(`${baseUrl}${request.path}`, request.query),
		headers: headers as IDataObject,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Stripe never redirects an API call; following one would hand the key to another host.
		disableFollowRedirect: true,
	};
	if (request.method === 'POST') {
		const { contentType, text } = encodeStripeBody(request.path, request.body ?? {});
		headers['Content-Type'] = contentType;
		options.body = text;
	}
	if (takesIdempotencyKey(request)) {
		headers['Idempotency-Key'] = request.idempotencyKey ?? randomIdempotencyKey();
	}
	return options;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/**
 * The error for a 3xx answer: Stripe's API never redirects, so a redirect means the base URL points
 * somewhere else (a proxy, a typo, an attacker). Nothing is followed or retried.
 */
export function redirectRefused(
	node: INode,
	baseUrl: string,
	response: { statusCode: number; headers?: unknown },
	itemIndex?: number,
): NodeApiError {
	const location = headerValue(response.headers as Headers, 'Location');
	return new NodeApiError(
		node,
		{ statusCode: response.statusCode, location: location ?? null } as JsonObject,
		{
			message: `The Stripe base URL ${baseUrl} answered ${response.statusCode} with a redirect${location ? ` to ${location}` : ''}; it was not followed`,
			description:
				"Stripe's API never redirects, so the request (and the key) was not sent anywhere else. Check the Base URL of the Stripe Connect API credential: https://api.stripe.com, or your local sandbox.",
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

/**
 * Sends one Stripe request with the credential's authentication, retrying what Stripe says may be
 * retried with capped exponential backoff and jitter, always with the same headers (so the same
 * Idempotency-Key). Returns the 2xx answer (or an accepted error status) or throws the mapped
 * NodeApiError.
 */
export async function sendStripeRequest(
	context: StripeCallContext,
	connection: StripeConnection,
	request: StripeRequest,
	options: SendOptions = {},
): Promise<StripeResponse> {
	let http: IHttpRequestOptions | undefined;
	try {
		http = toHttpRequest(request, connection.baseUrl, options.engineSettings);
	} finally {
		// Nothing is sent: a slot taken for this request goes back, or the pacer would stay one short.
		if (http === undefined) options.firstSlot?.cancel();
	}
	if (connection.allowedDomains !== undefined) http.allowedDomains = connection.allowedDomains;
	const idempotencyKey = headerValue(http.headers as Headers, 'Idempotency-Key');
	const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
	const rateLimitWaitMs = options.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
	const node = context.getNode();
	const credentialReference = node.credentials?.[STRIPE_CREDENTIAL_TYPE];
	const fail = (details: StripeErrorDetails) =>
		stripeApiError(node, details, options.itemIndex, options.paramFields);
	let retries = 0;
	let rateLimitedSince: number | undefined;
	let slot = options.firstSlot;
	for (;;) {
		slot ??= await connection.pacer.acquire();
		let response: IN8nHttpFullResponse | undefined;
		let failure: unknown;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				STRIPE_CREDENTIAL_TYPE,
				{ ...http, headers: { ...http.headers } },
				{
					credentialsDecrypted: {
						id: credentialReference?.id ?? '',
						name: credentialReference?.name ?? STRIPE_CREDENTIAL_TYPE,
						type: STRIPE_CREDENTIAL_TYPE,
						data: connection.credentials,
					},
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			failure = error;
		} finally {
			slot.release();
			slot = undefined;
		}
		if (response === undefined) {
			// Only a failed connection is worth another attempt; anything else (a rejected credential,
			// a bad URL) would fail the same way again.
			if (!isConnectionError(failure)) {
				throw new NodeApiError(node, failure as JsonObject, {
					message: `The request to Stripe could not be sent: ${(failure as Error).message}`,
					itemIndex: options.itemIndex,
				});
			}
			if (retries >= maxRetries) {
				throw fail({
					message: `Stripe could not be reached: ${(failure as Error).message}`,
					type: 'api_connection_error',
				});
			}
			await sleep(backoffDelayMs(retries++));
			continue;
		}
		const headers = response.headers as Headers;
		const body = parseBody(response.body);
		if (response.statusCode < 300 || (options.acceptStatuses ?? []).includes(response.statusCode)) {
			return {
				statusCode: response.statusCode,
				body: body as IDataObject,
				requestId: headerValue(headers, 'Request-Id'),
				idempotencyKey,
				idempotentReplayed: headerValue(headers, 'Idempotent-Replayed') === 'true',
			};
		}
		if (response.statusCode >= 300 && response.statusCode < 400) {
			throw redirectRefused(node, connection.baseUrl, response, options.itemIndex);
		}
		const verdict = classifyStripeFailure({
			statusCode: response.statusCode,
			shouldRetryHeader: headerValue(headers, 'Stripe-Should-Retry'),
		});
		if (verdict === 'slowDown') {
			// Stripe's rate limit: the whole process slows down, and this request waits its turn again
			// for as long as the time budget allows, whatever Max Retries says.
			connection.pacer.slowDown();
			rateLimitedSince ??= Date.now();
			if (Date.now() - rateLimitedSince < rateLimitWaitMs) continue;
		} else if (verdict === 'retry' && retries < maxRetries) {
			await sleep(backoffDelayMs(retries++));
			continue;
		}
		throw fail(readStripeError(response.statusCode, body, headers));
	}
}
