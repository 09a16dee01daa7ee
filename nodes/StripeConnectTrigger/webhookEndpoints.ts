import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { ActivationSettings } from './activationSettings';
import { staleRegistrationIds } from './staleRegistrations';
import { stripeRequest } from './stripeRequest';
import type { EndpointSource, StoredEndpoint, TriggerStaticData } from './triggerStaticData';

/** The subset of Stripe's webhook endpoint object the lifecycle reads. */
export interface StripeWebhookEndpoint {
	id: string;
	url: string;
	enabled_events: string[];
	api_version: string | null;
	status?: string;
	metadata?: Record<string, string>;
	secret?: string;
}

interface StripeList<T> {
	data: T[];
	has_more: boolean;
}

/** Metadata key marking endpoints and destinations this trigger registered, and for which source. */
export const SOURCE_METADATA_FIELD = 'n8n_stripe_connect_trigger_source';

function staticDataOf(context: IHookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

/** Replaces the stored endpoints as a whole so n8n notices the change and persists it. */
function storeEndpoints(
	context: IHookFunctions,
	endpoints: Partial<Record<EndpointSource, StoredEndpoint>>,
): void {
	staticDataOf(context).endpoints = { ...endpoints };
}

/** Whether two lists of event types hold the same types (`wanted` sorted). */
export function sameEvents(registered: string[], wanted: string[]): boolean {
	const sorted = [...registered].sort();
	return sorted.length === wanted.length && sorted.every((event, index) => event === wanted[index]);
}

/** True when Stripe's endpoint can serve as-is: our URL, enabled, our events, our pinned API version. */
function endpointMatches(endpoint: StripeWebhookEndpoint, desired: ActivationSettings): boolean {
	return (
		endpoint.url === desired.url &&
		endpoint.status !== 'disabled' &&
		sameEvents(endpoint.enabled_events, desired.events) &&
		(desired.apiVersion === undefined || endpoint.api_version === desired.apiVersion)
	);
}

/** Every webhook endpoint of the account, across all pages (`pageSize` per request, Stripe's maximum by default). */
export async function listAllWebhookEndpoints(
	context: IHookFunctions,
	pageSize = 100,
): Promise<StripeWebhookEndpoint[]> {
	const endpoints: StripeWebhookEndpoint[] = [];
	let startingAfter: string | undefined;
	for (;;) {
		const query: IDataObject = { limit: pageSize };
		if (startingAfter !== undefined) query.starting_after = startingAfter;
		const { body } = await stripeRequest<StripeList<StripeWebhookEndpoint>>(context, {
			method: 'GET',
			path: '/v1/webhook_endpoints',
			query,
		});
		endpoints.push(...body.data);
		if (!body.has_more || body.data.length === 0) return endpoints;
		startingAfter = body.data[body.data.length - 1].id;
	}
}

/**
 * checkExists: true only when every endpoint the selection needs is stored with its secret and
 * Stripe still has it with our URL, events and API version. Anything else is left to `create`,
 * which reconciles (reuses, updates, replaces) without piling up endpoints.
 */
export async function endpointsExist(
	context: IHookFunctions,
	desired: ActivationSettings,
): Promise<boolean> {
	const stored = staticDataOf(context).endpoints ?? {};
	const storedSources = Object.keys(stored) as EndpointSource[];
	if (storedSources.some((source) => !desired.sources.includes(source))) return false;
	for (const source of desired.sources) {
		const endpoint = stored[source];
		if (endpoint === undefined || endpoint.secret === '' || endpoint.url !== desired.url) {
			return false;
		}
		const { statusCode, body } = await stripeRequest<StripeWebhookEndpoint>(context, {
			method: 'GET',
			path: `/v1/webhook_endpoints/${encodeURIComponent(endpoint.id)}`,
		});
		if (statusCode === 404 || !endpointMatches(body, desired)) return false;
	}
	return true;
}

async function deleteEndpoint(context: IHookFunctions, id: string): Promise<boolean> {
	try {
		await stripeRequest(context, {
			method: 'DELETE',
			path: `/v1/webhook_endpoints/${encodeURIComponent(id)}`,
		});
		return true;
	} catch (error) {
		context.logger.error(
			`Stripe Connect Trigger could not delete webhook endpoint ${id}: ${(error as Error).message}`,
			{ webhookEndpointId: id },
		);
		return false;
	}
}

/**
 * Deletes stale endpoints (see staleRegistrationIds) and stores `kept`. Deleting first frees room
 * under Stripe's 16-endpoint limit before anything is created; an endpoint that cannot be deleted
 * stops activation, naming it.
 */
async function deleteStaleEndpoints(
	context: IHookFunctions,
	existing: StripeWebhookEndpoint[],
	url: string,
	kept: Partial<Record<EndpointSource, StoredEndpoint>>,
): Promise<void> {
	const stale = staleRegistrationIds({
		atStripe: existing,
		url,
		keptIds: new Set(Object.values(kept).map((endpoint) => endpoint.id)),
		stored: Object.values(staticDataOf(context).endpoints ?? {}),
		isTestListener: context.getActivationMode() === 'manual',
	});
	for (const id of stale) {
		if (!(await deleteEndpoint(context, id))) {
			throw new NodeOperationError(
				context.getNode(),
				`Could not delete the stale Stripe webhook endpoint ${id} left by this trigger.`,
				{
					description:
						'Delete it in Stripe Dashboard → Developers → Webhooks, then activate the workflow again.',
				},
			);
		}
	}
	storeEndpoints(context, kept);
}

/**
 * create: makes Stripe hold exactly one endpoint per needed source for this node's URL. An endpoint
 * we registered before and whose secret we still hold is reused and its events updated. Any other
 * endpoint with our URL is deleted: its signing secret cannot be read back from Stripe, so every
 * delivery it made would be refused, and it would count towards Stripe's limit of 16 endpoints.
 * Endpoints on another API version are replaced too, because Stripe cannot change an endpoint's
 * version.
 */
export async function reconcileEndpoints(
	context: IHookFunctions,
	desired: ActivationSettings,
): Promise<void> {
	const stored = { ...(staticDataOf(context).endpoints ?? {}) };
	const existing = await listAllWebhookEndpoints(context);
	const kept: Partial<Record<EndpointSource, StoredEndpoint>> = {};

	for (const source of desired.sources) {
		const remembered = stored[source];
		const onStripe = existing.find((endpoint) => endpoint.id === remembered?.id);
		if (
			remembered === undefined ||
			remembered.secret === '' ||
			onStripe === undefined ||
			onStripe.url !== desired.url ||
			(desired.apiVersion !== undefined && onStripe.api_version !== desired.apiVersion)
		) {
			continue;
		}
		// Stripe disables an endpoint whose deliveries kept failing (n8n was down); reuse re-enables it.
		const reEnable = onStripe.status === 'disabled';
		if (reEnable || !sameEvents(onStripe.enabled_events, desired.events)) {
			await stripeRequest(context, {
				method: 'POST',
				path: `/v1/webhook_endpoints/${encodeURIComponent(onStripe.id)}`,
				body: { enabled_events: desired.events, disabled: reEnable ? false : undefined },
			});
		}
		kept[source] = { ...remembered, url: desired.url };
	}
	await deleteStaleEndpoints(context, existing, desired.url, kept);

	for (const source of desired.sources) {
		if (kept[source] !== undefined) continue;
		const form = {
			url: desired.url,
			enabled_events: desired.events,
			connect: source === 'connect',
			api_version: desired.apiVersion,
			description: `n8n Stripe Connect Trigger (${source === 'connect' ? 'connected accounts' : 'platform'})`,
			metadata: { [SOURCE_METADATA_FIELD]: source },
		};
		const { body } = await stripeRequest<StripeWebhookEndpoint>(context, {
			method: 'POST',
			path: '/v1/webhook_endpoints',
			body: form,
		});
		if (typeof body.secret !== 'string' || body.secret === '') {
			await deleteEndpoint(context, body.id);
			throw new NodeOperationError(
				context.getNode(),
				'Stripe created the webhook endpoint but returned no signing secret, so deliveries could not be verified. The endpoint was removed again.',
			);
		}
		kept[source] = { id: body.id, secret: body.secret, url: desired.url };
		storeEndpoints(context, kept);
	}
}

/**
 * Removes every webhook endpoint that would deliver beside an event destination: those at this
 * node's URL and those the trigger registered before (for the Webhook Endpoints delivery).
 */
export async function removeWebhookEndpoints(context: IHookFunctions, url: string): Promise<void> {
	await deleteStaleEndpoints(context, await listAllWebhookEndpoints(context), url, {});
}

/**
 * delete: removes every endpoint this trigger registered, by the id kept in static data, whatever
 * URL it was registered for: n8n's public URL may have changed since activation, and an endpoint
 * left at the old URL would stay at Stripe, counting towards its limit of 16. (A test listener's
 * static data holds only its own endpoint.) An endpoint that could not be deleted is logged and
 * stays remembered, so the next activation reuses or removes it instead of adding another one.
 */
export async function deleteStoredEndpoints(context: IHookFunctions): Promise<boolean> {
	const stored = { ...(staticDataOf(context).endpoints ?? {}) };
	const remaining: Partial<Record<EndpointSource, StoredEndpoint>> = {};
	let allDeleted = true;
	for (const [source, endpoint] of Object.entries(stored) as Array<
		[EndpointSource, StoredEndpoint]
	>) {
		if (!(await deleteEndpoint(context, endpoint.id))) {
			remaining[source] = endpoint;
			allDeleted = false;
		}
	}
	if (Object.keys(stored).length > 0) storeEndpoints(context, remaining);
	return allDeleted;
}
