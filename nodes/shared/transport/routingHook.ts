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
import { encodeStripeBody } from './formEncoding';
import {
	deriveIdempotencyKey,
	deriveRerunSafeKey,
	takesIdempotencyKey,
	type IdempotencyChoice,
} from './idempotency';
import { readStripeList } from './pages';
import type { StripeRequest, StripeResponse } from './request';
import type { EngineRequestSettings } from './httpRequest';
import { openStripeConnection, sendStripeRequest, type SendOptions } from './send';
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
	/** How long the request may keep retrying Stripe's rate limit before it fails. */
	rateLimitWaitMs?: number;
	/** A list or search: read all of it, or up to `limit` objects (only those `keep` accepts). */
	list?: { returnAll: boolean; limit: number; keep?: (object: IDataObject) => boolean };
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

/**
 * The node's run index, read once per node run: n8n exposes it only through the workflow data proxy,
 * which is costly to build for every item, and all items of a run share one execute-data object.
 */
const runIndexOfRun = new WeakMap<object, number>();

function runIndexOf(context: IExecuteSingleFunctions): number {
	const run = context.getExecuteData() as object | undefined;
	const known = run === undefined ? undefined : runIndexOfRun.get(run);
	if (known !== undefined) return known;
	const runIndex = Number(context.getWorkflowDataProxy(context.getItemIndex()).$runIndex ?? 0);
	if (run !== undefined) runIndexOfRun.set(run, runIndex);
	return runIndex;
}

function idempotencyKeyFor(
	context: IExecuteSingleFunctions,
	operation: string,
	request: StripeRequest,
	choice: IdempotencyChoice,
): string {
	if (choice.mode === 'own') return choice.key;
	const itemIndex = context.getItemIndex();
	const scope = {
		workflowId: String(context.getWorkflow().id ?? ''),
		nodeId: context.getNode().id,
		runIndex: runIndexOf(context),
		itemIndex,
		operation,
	};
	if (choice.mode === 'perExecution') {
		return deriveIdempotencyKey({ ...scope, executionId: String(context.getExecutionId() ?? '') });
	}
	return deriveRerunSafeKey(
		scope,
		request,
		encodeStripeBody(request.path, request.body ?? {}).text,
	);
}

/**
 * Where the node reports how Stripe handled a write, on every item a POST produced: the key it was
 * sent with, whether Stripe replayed a stored answer (so this run moved no money), and the request id.
 */
export const STRIPE_OUTPUT_KEY = '_stripe';

function withRequestFacts(json: IDataObject, response: StripeResponse): IDataObject {
	if (response.idempotencyKey === undefined) return json;
	return {
		...json,
		[STRIPE_OUTPUT_KEY]: {
			idempotencyKey: response.idempotencyKey,
			idempotentReplayed: response.idempotentReplayed,
			requestId: response.requestId ?? null,
		},
	};
}

async function sendItem(
	context: IExecuteSingleFunctions,
	sending: OperationSending,
	engineOptions: IHttpRequestOptions | undefined,
): Promise<INodeExecutionData[]> {
	const connection = await openStripeConnection(context);
	// The item's own work (reading, checking, encoding, keying) starts only when the pacer has a slot
	// for it, so the first requests leave while later items still wait their turn.
	const firstSlot = await connection.pacer.acquire();
	let built: BuiltRequest;
	let request: StripeRequest;
	let ready = false;
	try {
		built = sending.build(context);
		request = { ...built.request };
		if (takesIdempotencyKey(request)) {
			request.idempotencyKey = idempotencyKeyFor(
				context,
				sending.operation,
				request,
				built.idempotency,
			);
		}
		ready = true;
	} finally {
		// Refused input sends nothing: the slot and its token go back to the next item.
		if (!ready) firstSlot.cancel();
	}
	const options: SendOptions = {
		maxRetries: built.maxRetries,
		rateLimitWaitMs: built.rateLimitWaitMs,
		itemIndex: context.getItemIndex(),
		paramFields: sending.paramFields,
		engineSettings: engineSettings(engineOptions),
		firstSlot,
	};
	if (built.list) {
		const limit = built.list.returnAll ? Number.POSITIVE_INFINITY : built.list.limit;
		const objects = await readStripeList(
			context,
			connection,
			request,
			limit,
			options,
			built.list.keep,
		);
		return objects.map((json) => ({ json }));
	}
	const response = await sendStripeRequest(context, connection, request, options);
	if (sending.output === 'unpagedList') {
		return ((response.body.data as IDataObject[] | undefined) ?? []).map((json) => ({ json }));
	}
	const json = typeof sending.output === 'function' ? sending.output(response.body) : response.body;
	return [{ json: withRequestFacts(json, response) }];
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
