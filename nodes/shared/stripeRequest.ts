import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { appendStripeQuery } from './formEncoding';
import { deriveIdempotencyKey, describeIdempotencyKeyProblem } from './idempotency';
import { DEFAULT_MAX_RETRIES, backoffDelayMs, classifyStripeFailure } from './transport/retryPolicy';
import { inputProblemError, readStripeError, stripeApiError } from './stripeErrors';
import { StripeInputError, STRIPE_ID_PREFIXES, checkStripeId } from './validation';

/*
 * How a request leaves the node. Every operation sets `routing.send.paginate: true` and
 * `routing.operations.pagination` to one of the hooks below. RoutingNode calls that hook with the
 * fully built request (after every preSend, so the body is already Stripe's form encoding) instead of
 * sending it itself. That one place can then (1) attach the Idempotency-Key, (2) retry 409/429/5xx with
 * the SAME key, (3) follow Stripe's list and search cursors, and (4) turn every Stripe error into one
 * NodeApiError — which a postReceive hook cannot do, because it runs after the request and cannot
 * resend it. The raw request goes through `httpRequestWithAuthentication` with `ignoreHttpStatusErrors`
 * so the hook sees Stripe's status, headers (`Stripe-Should-Retry`, `Request-Id`) and error body.
 */

const CREDENTIAL_TYPE = 'stripeConnectApi';

/** Stripe's largest page size for list endpoints. */
export const STRIPE_MAX_PAGE_SIZE = 100;

type Headers = Record<string, unknown>;

function headerValue(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

function withoutHeader(headers: Headers, name: string): Headers {
	return Object.fromEntries(
		Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()),
	);
}

function operationName(context: IExecuteSingleFunctions): string {
	return `${context.getNodeParameter('resource', '') as string}.${context.getNodeParameter('operation', '') as string}`;
}

/**
 * Validates the Stripe-Account and Idempotency-Key headers the Options collection set, and gives every
 * POST a deterministic Idempotency-Key when the user did not set one.
 */
export function prepareStripeHeaders(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	let headers: Headers = { ...(options.headers ?? {}) };
	const connectedAccount = headerValue(headers, 'Stripe-Account');
	headers = withoutHeader(headers, 'Stripe-Account');
	if (connectedAccount !== undefined) {
		headers['Stripe-Account'] = checkStripeId(
			connectedAccount,
			'Connected Account',
			STRIPE_ID_PREFIXES.account,
		);
	}
	const userKey = headerValue(headers, 'Idempotency-Key')?.trim();
	headers = withoutHeader(headers, 'Idempotency-Key');
	if ((options.method ?? 'GET').toUpperCase() === 'POST') {
		if (userKey !== undefined) {
			const problem = describeIdempotencyKeyProblem(userKey);
			if (problem) throw new StripeInputError('Options → Idempotency Key', problem);
			headers['Idempotency-Key'] = userKey;
		} else {
			const itemIndex = context.getItemIndex();
			headers['Idempotency-Key'] = deriveIdempotencyKey({
				workflowId: String(context.getWorkflow().id ?? ''),
				executionId: String(context.getExecutionId() ?? ''),
				nodeId: context.getNode().id,
				runIndex: Number(context.getWorkflowDataProxy(itemIndex).$runIndex ?? 0),
				itemIndex,
				operation: operationName(context),
			});
		}
	}
	return { ...options, headers: headers as IDataObject };
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

function maxRetriesOption(context: IExecuteSingleFunctions): number {
	const value = Number(context.getNodeParameter('options.maxRetries', DEFAULT_MAX_RETRIES));
	return Number.isInteger(value) && value >= 0 ? Math.min(value, 10) : DEFAULT_MAX_RETRIES;
}

/**
 * Sends one Stripe request, retrying what Stripe says may be retried with capped exponential backoff
 * and jitter, always with the same headers (so the same Idempotency-Key). Returns the 2xx response or
 * throws the mapped NodeApiError.
 */
export async function requestStripeWithRetries(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	maxRetries: number,
): Promise<IN8nHttpFullResponse> {
	const request: IHttpRequestOptions = {
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			// Only a failed connection is worth another attempt; anything else (a rejected credential,
			// a bad URL) would fail the same way again.
			if (!isConnectionError(error)) {
				throw new NodeApiError(context.getNode(), error as JsonObject, {
					message: `The request to Stripe could not be sent: ${(error as Error).message}`,
					itemIndex: context.getItemIndex(),
				});
			}
			if (attempt >= maxRetries) {
				throw stripeApiError(
					context.getNode(),
					{
						message: `Stripe could not be reached: ${(error as Error).message}`,
						type: 'api_connection_error',
					},
					context.getItemIndex(),
				);
			}
		}
		if (response && response.statusCode < 300) return response;
		const retryable =
			attempt < maxRetries &&
			(response === undefined ||
				classifyStripeFailure({
					statusCode: response.statusCode,
					shouldRetryHeader: headerValue(response.headers as Headers, 'Stripe-Should-Retry'),
				}) !== 'fail');
		if (response && !retryable) {
			throw stripeApiError(
				context.getNode(),
				readStripeError(response.statusCode, response.body, response.headers as Headers),
				context.getItemIndex(),
			);
		}
		await sleep(backoffDelayMs(attempt));
	}
}

async function guarded<T>(context: IExecuteSingleFunctions, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof StripeInputError) {
			throw inputProblemError(context.getNode(), error, context.getItemIndex());
		}
		// NodeApiError hands back an error that already is one, so Stripe's mapped errors pass unchanged.
		throw new NodeApiError(context.getNode(), error as JsonObject, {
			itemIndex: context.getItemIndex(),
		});
	}
}

/**
 * Sends a single-object request (headers prepared, query encoded into the URL, retried, errors
 * mapped) and returns Stripe's JSON answer. Input problems become a NodeOperationError for the item.
 */
export async function executeStripeRequest(
	context: IExecuteSingleFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<IDataObject> {
	return await guarded(context, async () => {
		const prepared = prepareStripeHeaders(context, requestData.options as IHttpRequestOptions);
		const options = {
			...prepared,
			url: appendStripeQuery(prepared.url, prepared.qs as IDataObject | undefined),
			qs: {},
		};
		const response = await requestStripeWithRetries(context, options, maxRetriesOption(context));
		return response.body as IDataObject;
	});
}

/** Pagination hook for operations that return one Stripe object: one item out. */
export async function sendStripeRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return [{ json: await executeStripeRequest(this, requestData) }];
}

/** Pagination hook for list endpoints Stripe does not page (e.g. capabilities): one item per object. */
export async function sendStripeUnpagedListRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const page = await executeStripeRequest(this, requestData);
	return ((page.data as IDataObject[] | undefined) ?? []).map((json) => ({ json }));
}

/** The next request of a list or search, or undefined when the last page has been read. */
export function nextPageQuery(page: IDataObject, query: IDataObject): IDataObject | undefined {
	if (page.has_more !== true) return undefined;
	if (page.object === 'search_result') {
		return typeof page.next_page === 'string' && page.next_page !== ''
			? { ...query, page: page.next_page }
			: undefined;
	}
	const data = page.data as IDataObject[];
	const last = data[data.length - 1];
	return last && typeof last.id === 'string' ? { ...query, starting_after: last.id } : undefined;
}

/**
 * Pagination hook for list and search operations: one item per object. "Return All" follows
 * `starting_after` (lists) or `next_page` (search) to the end with pages of 100; otherwise pages are
 * sized to the Limit and reading stops as soon as it is reached.
 */
export async function sendStripeListRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await guarded(this, async () => {
		const options = prepareStripeHeaders(this, requestData.options as IHttpRequestOptions);
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', 10));
		if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
			throw new StripeInputError('Limit', `must be a whole number of 1 or more (got ${limit}).`);
		}
		const maxRetries = maxRetriesOption(this);
		const items: INodeExecutionData[] = [];
		let query: IDataObject | undefined = {
			...((options.qs as IDataObject | undefined) ?? {}),
			limit: Math.min(STRIPE_MAX_PAGE_SIZE, limit),
		};
		while (query) {
			const response = await requestStripeWithRetries(
				this,
				{ ...options, url: appendStripeQuery(options.url, query), qs: {} },
				maxRetries,
			);
			const page = response.body as IDataObject;
			for (const object of (page.data as IDataObject[]) ?? []) {
				if (items.length >= limit) break;
				items.push({ json: object });
			}
			if (items.length >= limit) break;
			query = nextPageQuery(page, {
				...query,
				limit: Math.min(STRIPE_MAX_PAGE_SIZE, limit - items.length),
			});
		}
		return items;
	});
}
