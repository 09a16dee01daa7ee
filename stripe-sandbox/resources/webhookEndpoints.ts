import { clone, mergeMetadata } from '../core';
import { invalidRequest } from '../errors';
import { present } from '../expand';
import { listRoute, objectInPath, retrieveRoute } from '../objectRoutes';
import type { RouteTable } from '../types';
import type { StripeObject } from '../store';

/** Stripe's limit on webhook endpoints per account. */
export const MAX_WEBHOOK_ENDPOINTS = 16;

const endpointFromPath = objectInPath('webhook_endpoint', 'webhook_endpoint');

function checkUrl(url: string): void {
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
	} catch {
		throw invalidRequest(`Invalid URL: ${url}`, 'url_invalid', 'url');
	}
}

/** Routes for webhook endpoints; the signing secret is returned only when an endpoint is created. */
export const webhookEndpointRoutes: RouteTable = {
	'POST /v1/webhook_endpoints': ({ core, account, params }) => {
		if (core.store.list(account, 'webhook_endpoint').length >= MAX_WEBHOOK_ENDPOINTS) {
			throw invalidRequest(
				`You have reached the maximum of ${MAX_WEBHOOK_ENDPOINTS} test webhook endpoints.`,
				undefined,
				'url',
			);
		}
		const url = String(params.url);
		checkUrl(url);
		const secret = `whsec_${core.ids.token(32)}`;
		const endpoint: StripeObject = {
			id: core.ids.next('we'),
			object: 'webhook_endpoint',
			api_version: typeof params.api_version === 'string' ? params.api_version : null,
			application: null,
			created: core.now(),
			description:
				typeof params.description === 'string' && params.description !== ''
					? params.description
					: null,
			enabled_events: params.enabled_events,
			livemode: false,
			metadata: mergeMetadata({}, params.metadata),
			status: 'enabled',
			url,
		};
		core.store.put(account, endpoint);
		// Stripe never returns `connect` or the secret after creation; both stay in the sandbox's bookkeeping.
		core.store.internals(endpoint.id).secret = secret;
		core.store.internals(endpoint.id).connect = params.connect === true;
		return present(core, { ...endpoint, secret }, params.expand);
	},
	'GET /v1/webhook_endpoints': listRoute('webhook_endpoint', 'webhook endpoint'),
	'GET /v1/webhook_endpoints/{webhook_endpoint}': retrieveRoute(endpointFromPath),
	'POST /v1/webhook_endpoints/{webhook_endpoint}': (context) => {
		const endpoint = endpointFromPath(context);
		const { params } = context;
		if (typeof params.url === 'string') {
			checkUrl(params.url);
			endpoint.url = params.url;
		}
		if (Array.isArray(params.enabled_events))
			endpoint.enabled_events = clone(params.enabled_events);
		if (typeof params.disabled === 'boolean')
			endpoint.status = params.disabled ? 'disabled' : 'enabled';
		if (params.description !== undefined) endpoint.description = params.description || null;
		if (params.metadata !== undefined)
			endpoint.metadata = mergeMetadata(endpoint.metadata, params.metadata);
		return present(context.core, endpoint, params.expand);
	},
	'DELETE /v1/webhook_endpoints/{webhook_endpoint}': (context) => {
		const endpoint = endpointFromPath(context);
		context.core.store.remove(context.account, 'webhook_endpoint', endpoint.id);
		return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
	},
};
