import type { SandboxCore } from './core';
import type { FormObject } from './formCodec';
import type { Params } from './openapi/validateRequest';

/** What a handler knows about the request it serves. */
export interface HandlerContext {
	core: SandboxCore;
	/**
	 * The account the request acts as: the platform, or the account named by `Stripe-Account` or
	 * `Stripe-Context`.
	 */
	account: string;
	/** True when the request acts as the platform (no Stripe-Account or Stripe-Context header). */
	asPlatform: boolean;
	params: Params;
	pathParams: Record<string, string>;
	path: string;
}

/** A handler returns the response body (status 200) or throws a StripeApiError. */
export type Handler = (context: HandlerContext) => unknown;

/** Handlers keyed by `METHOD /v1/spec-template`, exactly as the spec names the path. */
export type RouteTable = Record<string, Handler>;

/**
 * What a v2 handler knows: the same as v1, with the JSON body (POST) or the decoded query (GET,
 * DELETE) as `params`. No spec validator has seen them, so handlers check what they read.
 */
export interface V2HandlerContext extends Omit<HandlerContext, 'params'> {
	params: Record<string, unknown>;
	query: FormObject;
}

/** A v2 handler returns the response body (status 200) or throws a StripeApiError. */
export type V2Handler = (context: V2HandlerContext) => unknown;

/** v2 handlers keyed by `METHOD /v2/template`, with `{name}` path parameters. */
export type V2RouteTable = Record<string, V2Handler>;
