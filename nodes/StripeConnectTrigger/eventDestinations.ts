import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { ActivationSettings } from './activationSettings';
import { eventsFromFor } from './activationSettings';
import { staleRegistrationIds } from './staleRegistrations';
import { stripeRequest } from './stripeRequest';
import type { StoredDestination, TriggerStaticData } from './triggerStaticData';
import { SOURCE_METADATA_FIELD, sameEvents } from './webhookEndpoints';

/** The subset of Stripe's `v2.core.event_destination` the lifecycle reads. */
export interface StripeEventDestination {
	id: string;
	type: string;
	status: string;
	event_payload: string;
	events_from?: string[];
	enabled_events: string[];
	snapshot_api_version?: string | null;
	metadata?: Record<string, string> | null;
	webhook_endpoint?: { url?: string | null; signing_secret?: string | null } | null;
}

interface V2List<T> {
	data: T[];
	next_page_url: string | null;
}

const DESTINATIONS_PATH = '/v2/core/event_destinations';
/** Stripe shows a destination's URL only when asked to (and its secret only in the create answer). */
const INCLUDE_URL = { include: ['webhook_endpoint.url'] };

function staticDataOf(context: IHookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function storeDestination(
	context: IHookFunctions,
	destination: StoredDestination | undefined,
): void {
	const staticData = staticDataOf(context);
	if (destination === undefined) delete staticData.destination;
	else staticData.destination = { ...destination };
}

function destinationPath(id: string): string {
	return `${DESTINATIONS_PATH}/${encodeURIComponent(id)}`;
}

/**
 * The path of a v2 list's `next_page_url`, followed as Stripe returned it (its page token carries
 * the filters) but only when it stays on the destinations list: it is sent with the API key.
 */
export function nextDestinationsPage(nextPageUrl: unknown): string | undefined {
	if (typeof nextPageUrl !== 'string' || nextPageUrl === '') return undefined;
	const base = 'https://stripe.invalid';
	const next = new URL(nextPageUrl, base);
	if (next.origin !== base || next.pathname !== DESTINATIONS_PATH || next.hash !== '') {
		throw new Error(
			`Stripe returned a next page URL outside ${DESTINATIONS_PATH}, which the trigger does not follow.`,
		);
	}
	return `${next.pathname}${next.search}`;
}

/** Every event destination of the account, with its URL, across all pages (`pageSize` per request). */
export async function listAllEventDestinations(
	context: IHookFunctions,
	pageSize = 100,
): Promise<StripeEventDestination[]> {
	const destinations: StripeEventDestination[] = [];
	let path: string | undefined = DESTINATIONS_PATH;
	let query: IDataObject | undefined = { limit: pageSize, ...INCLUDE_URL };
	while (path !== undefined) {
		const { body }: { body: V2List<StripeEventDestination> } = await stripeRequest(context, {
			method: 'GET',
			path,
			query,
		});
		destinations.push(...body.data);
		path = body.data.length === 0 ? undefined : nextDestinationsPage(body.next_page_url);
		query = undefined;
	}
	return destinations;
}

/** Whether a destination at Stripe can be kept: what an update cannot change is what we need. */
function reusable(destination: StripeEventDestination, desired: ActivationSettings): boolean {
	return (
		destination.type === 'webhook_endpoint' &&
		destination.webhook_endpoint?.url === desired.url &&
		destination.event_payload === desired.payload &&
		sameEvents(destination.events_from ?? ['@self'], eventsFromFor(desired.source)) &&
		(desired.payload === 'thin' ||
			desired.apiVersion === undefined ||
			destination.snapshot_api_version === desired.apiVersion)
	);
}

/** True when the destination serves as-is: reusable, enabled, and subscribed to our events. */
function destinationMatches(
	destination: StripeEventDestination,
	desired: ActivationSettings,
): boolean {
	return (
		reusable(destination, desired) &&
		destination.status === 'enabled' &&
		sameEvents(destination.enabled_events, desired.events)
	);
}

/**
 * checkExists for an event destination: true only when the destination is stored with its secret
 * for this URL, no webhook endpoint of the other delivery is left, and Stripe still has it as needed.
 */
export async function destinationExists(
	context: IHookFunctions,
	desired: ActivationSettings,
): Promise<boolean> {
	const staticData = staticDataOf(context);
	const stored = staticData.destination;
	if (Object.keys(staticData.endpoints ?? {}).length > 0) return false;
	if (stored === undefined || stored.secret === '' || stored.url !== desired.url) return false;
	if (stored.payload !== desired.payload) return false;
	const { statusCode, body } = await stripeRequest<StripeEventDestination>(context, {
		method: 'GET',
		path: destinationPath(stored.id),
		query: INCLUDE_URL,
	});
	return statusCode !== 404 && destinationMatches(body, desired);
}

async function deleteDestination(context: IHookFunctions, id: string): Promise<boolean> {
	try {
		await stripeRequest(context, { method: 'DELETE', path: destinationPath(id) });
		return true;
	} catch (error) {
		context.logger.error(
			`Stripe Connect Trigger could not delete event destination ${id}: ${(error as Error).message}`,
			{ eventDestinationId: id },
		);
		return false;
	}
}

/** Deletes a stale destination, or stops activation naming it. */
export async function deleteDestinationOrStop(context: IHookFunctions, id: string): Promise<void> {
	if (await deleteDestination(context, id)) return;
	throw new NodeOperationError(
		context.getNode(),
		`Could not delete the stale Stripe event destination ${id} left by this trigger.`,
		{
			description:
				'Delete it in Stripe Dashboard → Developers → Event destinations, then activate the workflow again.',
		},
	);
}

/** Makes a destination we keep deliver our events again: re-enabled, subscribed to `events`. */
async function bringUpToDate(
	context: IHookFunctions,
	destination: StripeEventDestination,
	events: string[],
): Promise<void> {
	// Stripe disables a destination whose deliveries kept failing (n8n was down); reuse re-enables it.
	if (destination.status !== 'enabled') {
		await stripeRequest(context, {
			method: 'POST',
			path: `${destinationPath(destination.id)}/enable`,
			body: {},
		});
	}
	if (!sameEvents(destination.enabled_events, events)) {
		await stripeRequest(context, {
			method: 'POST',
			path: destinationPath(destination.id),
			body: { enabled_events: events },
		});
	}
}

/** A short label of what a destination delivers, for Stripe's Dashboard. */
function describeDestination(desired: ActivationSettings): string {
	const from =
		desired.source === 'connect'
			? 'connected accounts'
			: desired.source === 'platform'
				? 'platform'
				: 'platform and connected accounts';
	return `n8n Stripe Connect Trigger (${from}, ${desired.payload} events)`;
}

async function createDestination(
	context: IHookFunctions,
	desired: ActivationSettings,
): Promise<StoredDestination> {
	const { body } = await stripeRequest<StripeEventDestination>(context, {
		method: 'POST',
		path: DESTINATIONS_PATH,
		body: {
			name: 'n8n Stripe Connect Trigger',
			description: describeDestination(desired),
			type: 'webhook_endpoint',
			event_payload: desired.payload,
			events_from: eventsFromFor(desired.source),
			enabled_events: desired.events,
			...(desired.payload === 'snapshot' && desired.apiVersion !== undefined
				? { snapshot_api_version: desired.apiVersion }
				: {}),
			webhook_endpoint: { url: desired.url },
			metadata: { [SOURCE_METADATA_FIELD]: desired.source },
			include: ['webhook_endpoint.signing_secret'],
		},
	});
	const secret = body.webhook_endpoint?.signing_secret;
	if (typeof secret !== 'string' || secret === '') {
		await deleteDestination(context, body.id);
		throw new NodeOperationError(
			context.getNode(),
			'Stripe created the event destination but returned no signing secret, so deliveries could not be verified. The destination was removed again.',
		);
	}
	return { id: body.id, secret, url: desired.url, payload: desired.payload };
}

/**
 * create for an event destination: makes Stripe hold exactly one destination for this node's URL.
 * The destination we registered before, whose secret we hold, is reused (re-enabled, its events
 * updated) when what Stripe cannot change on it still fits: payload, `events_from` and snapshot API
 * version; otherwise it is replaced. Any other destination at our URL is deleted (its secret cannot
 * be read back).
 */
export async function reconcileDestination(
	context: IHookFunctions,
	desired: ActivationSettings,
): Promise<void> {
	const remembered = staticDataOf(context).destination;
	const existing = await listAllEventDestinations(context);
	const onStripe = existing.find((destination) => destination.id === remembered?.id);
	let kept: StoredDestination | undefined;
	if (
		remembered !== undefined &&
		remembered.secret !== '' &&
		onStripe !== undefined &&
		reusable(onStripe, desired)
	) {
		await bringUpToDate(context, onStripe, desired.events);
		kept = { ...remembered, url: desired.url, payload: desired.payload };
	}

	const stale = staleRegistrationIds({
		atStripe: existing.map((destination) => ({
			id: destination.id,
			url: destination.type === 'webhook_endpoint' ? destination.webhook_endpoint?.url : undefined,
		})),
		url: desired.url,
		keptIds: new Set(kept === undefined ? [] : [kept.id]),
		stored: remembered === undefined ? [] : [remembered],
		isTestListener: context.getActivationMode() === 'manual',
	});
	for (const id of stale) await deleteDestinationOrStop(context, id);
	storeDestination(context, kept);
	if (kept === undefined) storeDestination(context, await createDestination(context, desired));
}

/**
 * Deletes the event destination this trigger registered, by its stored id (for the Webhook
 * Endpoints delivery, or on deactivation). A destination already gone counts as deleted; one that
 * could not be deleted is logged and stays remembered. Returns whether nothing is left.
 */
export async function deleteStoredDestination(context: IHookFunctions): Promise<boolean> {
	const stored = staticDataOf(context).destination;
	if (stored === undefined) return true;
	if (!(await deleteDestination(context, stored.id))) return false;
	storeDestination(context, undefined);
	return true;
}
