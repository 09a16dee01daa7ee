import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { parseAccountFilter } from './accountFilter';
import { enabledEventsFor } from './events';
import { checkSignatureTolerance } from './signature';
import { credentialApiVersion, stripeRequest } from './stripeRequest';

/** Which Stripe endpoint flavour: `connect=true` (connected accounts) or the platform's own. */
export type EndpointSource = 'connect' | 'platform';

/** The trigger's "Source" parameter. */
export type SourceSelection = EndpointSource | 'both';

/** What the trigger remembers about an endpoint it registered (in the node's static data). */
export interface StoredEndpoint {
	id: string;
	secret: string;
	url: string;
}

/** The node's static data, as n8n persists it with the workflow. */
export interface TriggerStaticData extends IDataObject {
	endpoints?: Partial<Record<EndpointSource, StoredEndpoint>>;
	seenEventIds?: string[];
}

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

/** Metadata key marking endpoints this trigger registered, and for which source. */
export const SOURCE_METADATA_FIELD = 'n8n_stripe_connect_trigger_source';

/** The endpoint flavours a "Source" selection needs. */
export function sourcesFor(selection: SourceSelection): EndpointSource[] {
	return selection === 'both' ? ['connect', 'platform'] : [selection];
}

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

function sameEvents(registered: string[], wanted: string[]): boolean {
	const sorted = [...registered].sort();
	return sorted.length === wanted.length && sorted.every((event, index) => event === wanted[index]);
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (url === undefined || url === '') {
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this node.',
		);
	}
	return url;
}

interface DesiredState {
	url: string;
	sources: EndpointSource[];
	events: string[];
	apiVersion: string | undefined;
}

async function desiredState(context: IHookFunctions): Promise<DesiredState> {
	const events = enabledEventsFor(context.getNodeParameter('events', []) as string[]);
	if (events.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'No events are selected. Choose at least one event in "Trigger On" (or "All Events").',
		);
	}
	const options = context.getNodeParameter('options', {}) as { toleranceSeconds?: unknown };
	const tolerance = checkSignatureTolerance(options.toleranceSeconds);
	if ('problem' in tolerance) throw new NodeOperationError(context.getNode(), tolerance.problem);
	const source = context.getNodeParameter('source', 'connect') as SourceSelection;
	if (source !== 'platform') {
		const accountFilter = parseAccountFilter(context.getNodeParameter('accountIds', ''));
		if ('problem' in accountFilter) {
			throw new NodeOperationError(context.getNode(), accountFilter.problem);
		}
	}
	return {
		url: webhookUrlOf(context),
		sources: sourcesFor(source),
		events,
		apiVersion: await credentialApiVersion(context),
	};
}

/** True when Stripe's endpoint can serve as-is: our URL, enabled, our events, our pinned API version. */
function endpointMatches(endpoint: StripeWebhookEndpoint, desired: DesiredState): boolean {
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
 * A test listener ("Listen for test event") must only ever manage its own endpoint. n8n 2.41.1 gives
 * it empty static data (TestWebhooks.toWorkflow); should a version hand it a copy of the production
 * data instead, the production endpoints are dropped from that copy before anything can fail, so the
 * listener's delete (also the one n8n runs after a failed activation) cannot remove them.
 */
function isolateTestListener(context: IHookFunctions): void {
	if (context.getActivationMode() !== 'manual') return;
	const url = webhookUrlOf(context);
	const stored = staticDataOf(context).endpoints ?? {};
	const own = Object.entries(stored).filter(([, endpoint]) => endpoint.url === url);
	if (own.length !== Object.keys(stored).length) storeEndpoints(context, Object.fromEntries(own));
}

/**
 * checkExists: true only when every endpoint the selection needs is stored with its secret and
 * Stripe still has it with our URL, events and API version. Anything else is left to `create`,
 * which reconciles (reuses, updates, replaces) without piling up endpoints.
 */
export async function endpointsExist(context: IHookFunctions): Promise<boolean> {
	isolateTestListener(context);
	const desired = await desiredState(context);
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
 * create: makes Stripe hold exactly one endpoint per needed source for this node's URL. An endpoint
 * we registered before and whose secret we still hold is reused and its events updated. Any other
 * endpoint with our URL is deleted: its signing secret cannot be read back from Stripe, so every
 * delivery it made would be refused, and it would count towards Stripe's limit of 16 endpoints.
 * Endpoints on another API version are replaced too, because Stripe cannot change an endpoint's
 * version.
 */
export async function reconcileEndpoints(context: IHookFunctions): Promise<boolean> {
	isolateTestListener(context);
	const desired = await desiredState(context);
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
				form: { enabled_events: desired.events, disabled: reEnable ? false : undefined },
			});
		}
		kept[source] = { ...remembered, url: desired.url };
	}

	const keptIds = new Set(Object.values(kept).map((endpoint) => endpoint.id));
	const strayIds = new Set<string>();
	for (const endpoint of existing) {
		if (endpoint.url === desired.url && !keptIds.has(endpoint.id)) strayIds.add(endpoint.id);
	}
	// A production activation also removes what it registered for an earlier URL (n8n moved). A
	// test listener ("Listen for test event") never touches the production endpoints it may see.
	const isTestListener = context.getActivationMode() === 'manual';
	for (const endpoint of Object.values(stored)) {
		const forgotten =
			!keptIds.has(endpoint.id) && (endpoint.url === desired.url || !isTestListener);
		if (forgotten && existing.some((onStripe) => onStripe.id === endpoint.id)) {
			strayIds.add(endpoint.id);
		}
	}
	// Deleting strays first frees room under Stripe's 16-endpoint limit before anything is created.
	for (const id of strayIds) {
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
			form,
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
	return true;
}

/**
 * delete: removes every endpoint this trigger registered, by the id kept in static data, whatever
 * URL it was registered for: n8n's public URL may have changed since activation, and an endpoint
 * left at the old URL would stay at Stripe, counting towards its limit of 16. (A test listener's
 * static data holds only its own endpoint.) An endpoint that could not be deleted is logged and
 * stays remembered, so the next activation reuses or removes it instead of adding another one.
 */
export async function deleteEndpoints(context: IHookFunctions): Promise<boolean> {
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
	storeEndpoints(context, remaining);
	return allDeleted;
}
