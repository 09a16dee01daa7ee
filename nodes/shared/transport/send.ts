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
import { NodeApiError, sleep } from 'n8n-workflow';

import { DEFAULT_STRIPE_BASE_URL } from '../stripeApi';
import { StripeInputError } from '../validation';
import { appendStripeQuery, encodeStripeBody } from './formEncoding';
import { randomIdempotencyKey } from './idempotency';
import type { StripeRequest, StripeResponse } from './request';
import { DEFAULT_MAX_RETRIES, backoffDelayMs, classifyStripeFailure } from './retryPolicy';
import { readStripeError, stripeApiError } from './stripeErrors';

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
}

/** The credential data one call needs, read once. */
export interface StripeConnection {
	baseUrl: string;
	credentials: ICredentialDataDecryptedObject;
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

/** Reads the Stripe credential once for the calls of one item or hook. */
export async function openStripeConnection(context: StripeCallContext): Promise<StripeConnection> {
	const credentials = await (context as IExecuteSingleFunctions).getCredentials(
		STRIPE_CREDENTIAL_TYPE,
	);
	return { baseUrl: baseUrlOf(credentials), credentials };
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
 * and the Stripe headers. A POST always carries an Idempotency-Key.
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
		headers['Idempotency-Key'] = request.idempotencyKey ?? randomIdempotencyKey();
		options.body = text;
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
	const http = toHttpRequest(request, connection.baseUrl, options.engineSettings);
	const idempotencyKey = headerValue(http.headers as Headers, 'Idempotency-Key');
	const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
	const node = context.getNode();
	const credentialReference = node.credentials?.[STRIPE_CREDENTIAL_TYPE];
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
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
			// Only a failed connection is worth another attempt; anything else (a rejected credential,
			// a bad URL) would fail the same way again.
			if (!isConnectionError(error)) {
				throw new NodeApiError(node, error as JsonObject, {
					message: `The request to Stripe could not be sent: ${(error as Error).message}`,
					itemIndex: options.itemIndex,
				});
			}
			if (attempt >= maxRetries) {
				throw stripeApiError(
					node,
					{
						message: `Stripe could not be reached: ${(error as Error).message}`,
						type: 'api_connection_error',
					},
					options.itemIndex,
					options.paramFields,
				);
			}
			await sleep(backoffDelayMs(attempt));
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
		const retryable =
			attempt < maxRetries &&
			classifyStripeFailure({
				statusCode: response.statusCode,
				shouldRetryHeader: headerValue(headers, 'Stripe-Should-Retry'),
			}) !== 'fail';
		if (!retryable) {
			throw stripeApiError(
				node,
				readStripeError(response.statusCode, body, headers),
				options.itemIndex,
				options.paramFields,
			);
		}
		await sleep(backoffDelayMs(attempt));
	}
}
