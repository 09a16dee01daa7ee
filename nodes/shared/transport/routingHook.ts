import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { StripeInputError } from '../validation';
import { deriveIdempotencyKey, type IdempotencyChoice } from './idempotency';
import { readStripeList } from './pages';
import type { StripeRequest } from './request';
import {
	openStripeConnection,
	sendStripeRequest,
	type EngineRequestSettings,
	type SendOptions,
} from './send';
import { inputProblemError } from './stripeErrors';

/*
 * How the action node hands its requests to the transport. RoutingNode runs each operation's
 * `routing.operations.pagination` hook once per item instead of sending anything itself, and no
 * preSend runs before it. The hook builds the item's request from the node parameters (the
 * operation's one request writer), derives the Idempotency-Key, and sends it through the transport:
 * once, or page by page for a list.
 */

/** What an operation's request writer produces for one item. */
export interface BuiltRequest {
	request: StripeRequest;
	maxRetries?: number;
	/** A list or search: read all of it, or up to `limit` objects. */
	list?: { returnAll: boolean; limit: number };
	idempotency: IdempotencyChoice;
}

/** How one operation is sent. */
export interface OperationSending {
	/** `resource.operation`, part of the derived Idempotency-Key. */
	operation: string;
	/** Reads the item's parameters into a request; throws a StripeInputError on bad input. */
	build: (context: IExecuteSingleFunctions) => BuiltRequest;
	/** What the items are: the answer, one item per listed object, or a reshaped answer. */
	output: 'object' | 'list' | 'unpagedList' | ((body: IDataObject) => IDataObject);
	/** Node fields by Stripe parameter, for errors. */
	paramFields?: Record<string, string>;
}

function engineSettings(options: IHttpRequestOptions | undefined): EngineRequestSettings {
	const settings: EngineRequestSettings = {};
	if (options?.timeout !== undefined) settings.timeout = options.timeout;
	if (options?.proxy !== undefined) settings.proxy = options.proxy;
	if (options?.skipSslCertificateValidation !== undefined) {
		settings.skipSslCertificateValidation = options.skipSslCertificateValidation;
	}
	return settings;
}

function idempotencyKeyFor(
	context: IExecuteSingleFunctions,
	operation: string,
	choice: IdempotencyChoice,
): string {
	if (choice.mode === 'own') return choice.key;
	const itemIndex = context.getItemIndex();
	return deriveIdempotencyKey({
		workflowId: String(context.getWorkflow().id ?? ''),
		executionId: String(context.getExecutionId() ?? ''),
		nodeId: context.getNode().id,
		runIndex: Number(context.getWorkflowDataProxy(itemIndex).$runIndex ?? 0),
		itemIndex,
		operation,
	});
}

async function sendItem(
	context: IExecuteSingleFunctions,
	sending: OperationSending,
	engineOptions: IHttpRequestOptions | undefined,
): Promise<INodeExecutionData[]> {
	const built = sending.build(context);
	const request: StripeRequest = { ...built.request };
	if (request.method === 'POST') {
		request.idempotencyKey = idempotencyKeyFor(context, sending.operation, built.idempotency);
	}
	const connection = await openStripeConnection(context);
	const options: SendOptions = {
		maxRetries: built.maxRetries,
		itemIndex: context.getItemIndex(),
		paramFields: sending.paramFields,
		engineSettings: engineSettings(engineOptions),
	};
	if (built.list) {
		const limit = built.list.returnAll ? Number.POSITIVE_INFINITY : built.list.limit;
		const objects = await readStripeList(context, connection, request, limit, options);
		return objects.map((json) => ({ json }));
	}
	const response = await sendStripeRequest(context, connection, request, options);
	if (sending.output === 'unpagedList') {
		return ((response.body.data as IDataObject[] | undefined) ?? []).map((json) => ({ json }));
	}
	if (typeof sending.output === 'function') return [{ json: sending.output(response.body) }];
	return [{ json: response.body }];
}

/** The `routing.operations.pagination` hook of one operation (see the file comment). */
export function stripeRoutingHook(sending: OperationSending) {
	return async function sendStripeOperation(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await sendItem(this, sending, requestData.options as IHttpRequestOptions);
		} catch (error) {
			if (error instanceof StripeInputError) {
				throw inputProblemError(this.getNode(), error, this.getItemIndex());
			}
			// NodeApiError hands back an error that already is one, so Stripe's mapped errors pass unchanged.
			throw new NodeApiError(this.getNode(), error as JsonObject, {
				itemIndex: this.getItemIndex(),
			});
		}
	};
}
