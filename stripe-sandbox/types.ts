import type { SandboxCore } from './core';
import type { Params } from './openapi/validateRequest';

/** What a handler knows about the request it serves. */
export interface HandlerContext {
	core: SandboxCore;
	/** The account the request acts as: the platform, or the `Stripe-Account` header's account. */
	account: string;
	/** True when the request carried no `Stripe-Account` header (it acts as the platform). */
	asPlatform: boolean;
	params: Params;
	pathParams: Record<string, string>;
	path: string;
}

/** A handler returns the response body (status 200) or throws a StripeApiError. */
export type Handler = (context: HandlerContext) => unknown;

/** Handlers keyed by `METHOD /v1/spec-template`, exactly as the spec names the path. */
export type RouteTable = Record<string, Handler>;
