/**
 * Differential capture: the request the node sends for a workflow fixture and the request the
 * official `stripe` SDK (23.1.0, the pinned API version) sends for the same call, both received and
 * recorded by the sandbox, reduced to what Stripe reads so the two can be compared with `toEqual`.
 *
 * API (all async functions take a started sandbox; each clears the sandbox's request log first):
 * - `sandboxSdk(sandbox)`: a `Stripe` client pointed at the sandbox (host/port/protocol http),
 *   retries off, so each SDK call is exactly one request.
 * - `captureSdk(sandbox, call)`: runs `call(stripe)` (a Stripe error is expected where the IDs do not
 *   exist and is swallowed) and returns the `WireRequest`s the SDK sent.
 * - `captureNode(sandbox, fixture, item)`: runs `fixtures/<fixture>.json` with one input item and
 *   returns the `WireRequest`s the node sent (an error of the run is kept in `error`).
 * - `wireRequestOf(recorded)`: one recorded request as a `WireRequest`.
 *
 * A `WireRequest` holds the method, the path, the Stripe-Account, Stripe-Context and Stripe-Version
 * headers, the parameters as Stripe decodes them (the form body of a v1 POST, the query of a GET/DELETE, the JSON
 * body of a v2 POST) and the status the sandbox answered. Idempotency-Key and User-Agent are left out on purpose: the node derives its key from what it sends (re-run safe), the
 * SDK makes a random one; each client names itself.
 *
 * Example:
 *   const node = await captureNode(sandbox, 'transfer-get', { transfer: 'tr_1' });
 *   const sdk = await captureSdk(sandbox, (stripe) => stripe.transfers.retrieve('tr_1'));
 *   expect(node.requests).toEqual(sdk);
 */
import type { IDataObject } from 'n8n-workflow';
import Stripe from 'stripe';

import type { RecordedRequest, StripeSandbox } from '../../../../stripe-sandbox';
import { runFixture } from './fixtureRuns';

/** One request as Stripe reads it (see the file comment for what is left out and why). */
export interface WireRequest {
	method: string;
	path: string;
	stripeAccount: string | undefined;
	stripeContext: string | undefined;
	/** The Stripe-Version header (both send the pinned version). */
	stripeVersion: string | undefined;
	/** Decoded parameters: form body (v1 POST), query (GET/DELETE), JSON body (v2 POST). */
	params: unknown;
	status: number;
}

/** The official SDK pointed at the sandbox, retries off. */
export function sandboxSdk(sandbox: StripeSandbox): Stripe {
	return new Stripe(sandbox.secretKey, {
		host: '127.0.0.1',
		port: sandbox.port,
		protocol: 'http',
		maxNetworkRetries: 0,
	});
}

/** One recorded request reduced to what Stripe reads. */
export function wireRequestOf(recorded: RecordedRequest): WireRequest {
	const params = recorded.jsonBody ?? (recorded.method === 'POST' ? recorded.body : recorded.query);
	return {
		method: recorded.method,
		path: recorded.path,
		stripeAccount: recorded.stripeAccount,
		stripeContext: recorded.stripeContext,
		stripeVersion: recorded.headers['stripe-version'],
		params,
		status: recorded.status,
	};
}

/** Runs one SDK call against the sandbox and returns the requests it sent. */
export async function captureSdk(
	sandbox: StripeSandbox,
	call: (stripe: Stripe) => Promise<unknown>,
): Promise<WireRequest[]> {
	sandbox.clearRequests();
	try {
		await call(sandboxSdk(sandbox));
	} catch (error) {
		// A Stripe answer (404 for an ID that does not exist) is part of the comparison; anything
		// else means the request never reached the sandbox.
		if (!(error instanceof Stripe.errors.StripeError) || error.statusCode === undefined)
			throw error;
	}
	return sandbox.requests().map(wireRequestOf);
}

/** Runs a node fixture with one item and returns the requests the node sent. */
export async function captureNode(
	sandbox: StripeSandbox,
	fixture: string,
	item: IDataObject = {},
): Promise<{ requests: WireRequest[]; error: string | undefined }> {
	sandbox.clearRequests();
	const result = await runFixture(sandbox, fixture, [item]);
	return { requests: sandbox.requests().map(wireRequestOf), error: result.error?.message };
}
