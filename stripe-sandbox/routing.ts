import { StripeApiError, unrecognizedUrl } from './errors';
import type { FormObject } from './formCodec';
import { validateStripeRequest } from './openapi/validateRequest';
import { ROUTES, V2_ROUTES } from './routes';
import type { HandlerContext, V2Handler } from './types';

/** A request matched to its handler, with the parameters that make up its idempotency fingerprint. */
export interface RoutedRequest {
	template: string;
	fingerprintParams: unknown;
	run(context: Omit<HandlerContext, 'params' | 'pathParams'>): unknown;
}

/** What routing reads of a decoded request. */
export interface RoutableRequest {
	apiMode: 'v1' | 'v2';
	method: string;
	path: string;
	query: FormObject;
	body: FormObject;
	jsonBody: Record<string, unknown> | undefined;
}

/**
 * Finds the handler of a request and checks its parameters.
 *
 * VALIDATION SWITCH: v1 requests are checked by the 2024-04-10 spec validator (openapi/), which
 * knows no /v2 paths. v2 requests bypass it: `matchV2Route` below matches the path and each v2 handler
 * checks the fields it reads (fail closed, naming the field). When the validator generated from the
 * stripe 23.1.0 types lands, it plugs in on the v2 branch below: validate `params` for
 * `${method} ${template}` before `run`, exactly as `validateStripeRequest` does for v1.
 */
export function routeRequest(request: RoutableRequest): RoutedRequest {
	const { method, path } = request;
	if (request.apiMode === 'v2') {
		const route = matchV2Route(method, path);
		const params = method === 'POST' ? (request.jsonBody ?? {}) : request.query;
		return {
			template: route.template,
			fingerprintParams: { query: request.query, body: request.jsonBody },
			run: (context) =>
				route.handler({ ...context, params, query: request.query, pathParams: route.pathParams }),
		};
	}
	const params = method === 'POST' ? { ...request.query, ...request.body } : request.query;
	const validated = validateStripeRequest(method, path, params);
	const handler = ROUTES[`${method} ${validated.template}`];
	if (!handler) {
		throw new StripeApiError(404, {
			type: 'invalid_request_error',
			message: `The Stripe sandbox does not implement ${method} ${validated.template}. Unrecognized request URL (${method}: ${path}).`,
		});
	}
	return {
		template: validated.template,
		fingerprintParams: params,
		run: (context) =>
			handler({ ...context, params: validated.params, pathParams: validated.pathParams }),
	};
}

interface CompiledRoute {
	method: string;
	template: string;
	pattern: RegExp;
	names: string[];
	handler: V2Handler;
}

const COMPILED: CompiledRoute[] = Object.entries(V2_ROUTES)
	.map(([key, handler]) => {
		const [method, template] = key.split(' ');
		const names: string[] = [];
		const source = template
			.split('/')
			.map((segment) => {
				const name = /^\{(\w+)\}$/.exec(segment)?.[1];
				if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				names.push(name);
				return '([^/]+)';
			})
			.join('/');
		return { method, template, pattern: new RegExp(`^${source}$`), names, handler };
	})
	// Literal segments win over parameters where both would match.
	.sort((a, b) => a.names.length - b.names.length);

/** The handler and path parameters of a v2 request; Stripe's 404 for a path or method it has not. */
export function matchV2Route(
	method: string,
	path: string,
): { template: string; pathParams: Record<string, string>; handler: V2Handler } {
	for (const route of COMPILED) {
		if (route.method !== method) continue;
		const match = route.pattern.exec(path);
		if (!match) continue;
		const pathParams = Object.fromEntries(
			route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]),
		);
		return { template: route.template, pathParams, handler: route.handler };
	}
	throw unrecognizedUrl(method, path);
}
