import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, getCredentialAllowedDomains, sleep } from 'n8n-workflow';
import { createHash } from 'crypto';

import { isConnectionError, redirectRefused } from './connectionFailures';
import { baseUrlOf, pacingLimitsOf } from './credentialSettings';
import {
	headerValue,
	parseResponseBody,
	toHttpRequest,
	type EngineRequestSettings,
	type Headers,
} from './httpRequest';
import type { StripeRequest, StripeResponse } from './request';
import { DEFAULT_MAX_RETRIES, backoffDelayMs, classifyStripeFailure } from './retryPolicy';
import { pacerFor, type PacerSlot, type StripePacer } from './pacing';
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
		const body = parseResponseBody(response.body);
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
