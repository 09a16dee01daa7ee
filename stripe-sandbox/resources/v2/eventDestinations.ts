import { rfc3339 } from '../../clock';
import type { SandboxCore } from '../../core';
import { SANDBOX_API_VERSION, clone } from '../../core';
import { invalidRequest, resourceMissing } from '../../errors';
import { stripeEventSourceArn } from '../../eventBridge';
import type { StripeObject } from '../../store';
import type { V2HandlerContext, V2RouteTable } from '../../types';
import { emitV2Event } from '../../v2/events';
import { listRequest, paginateV2 } from '../../v2/pagination';
import type { JsonObject } from '../../v2/request';
import { invalidField, listParam, mergeV2Metadata } from '../../v2/request';
import { EVENT_DESTINATION_KIND } from '../../webhooks';

// The handlers below read parameters the validator has checked against the pinned version's
// definitions (types, enums, required and unknown fields); they check only what those cannot say.

/** Scopes the sandbox has: the platform itself and its connected accounts (no organization). */
const EVENTS_FROM = ['@self', '@accounts'];
const SNAPSHOT_TYPE = /^[a-z_]+(\.[a-z_]+)+$/;
const THIN_TYPE = /^v[12]\.[a-z_]+(\.[a-z_]+|\[[a-z_.]+\])+$/;

function checkUrl(url: string, field: string): string {
	if (!/^https?:\/\/[^\s]+$/.test(url)) {
		throw invalidField(
			field,
			`Invalid ${field} "${url}": expected an http(s) URL (the sandbox allows http).`,
		);
	}
	return url;
}

/**
 * `enabled_events` for the payload: snapshot destinations take v1 event types (`payout.failed`),
 * thin ones v1 thin types (`v1.payout.failed`) and v2 types (`v2.core.account.updated`); `*` is all.
 */
function readEnabledEvents(value: string[], payload: 'snapshot' | 'thin'): string[] {
	if (value.length === 0) {
		throw invalidField(
			'enabled_events',
			'Missing required param: enabled_events (a non-empty array of event types).',
		);
	}
	const pattern = payload === 'thin' ? THIN_TYPE : SNAPSHOT_TYPE;
	for (const type of value) {
		if (
			type !== '*' &&
			(!pattern.test(type) || (payload === 'snapshot' && /^v[12]\./.test(type)))
		) {
			throw invalidField(
				'enabled_events',
				payload === 'thin'
					? `Invalid event type "${type}" for a thin destination: use v1.<type> (e.g. v1.payout.failed) or v2.… types.`
					: `Invalid event type "${type}" for a snapshot destination: use v1 event types such as payout.failed (v2 events are thin only).`,
			);
		}
	}
	return [...new Set(value)];
}

function render(
	destination: StripeObject,
	core: SandboxCore,
	include: readonly string[],
): JsonObject {
	const copy = clone(destination) as JsonObject;
	if (destination.type === 'webhook_endpoint') {
		const internals = core.store.internals(destination.id);
		copy.webhook_endpoint = {
			signing_secret: include.includes('webhook_endpoint.signing_secret') ? internals.secret : null,
			url: include.includes('webhook_endpoint.url') ? internals.url : null,
		};
	}
	return copy;
}

/** `events_from`, limited to the scopes the sandbox has (the definitions take any string). */
function readEventsFrom(params: JsonObject): string[] {
	const scopes = listParam(params, 'events_from');
	const unknown = scopes.find((scope) => !EVENTS_FROM.includes(scope));
	if (unknown !== undefined) {
		throw invalidField(
			'events_from',
			`Invalid events_from "${unknown}": the Stripe sandbox has ${EVENTS_FROM.join(' and ')} (no organization).`,
		);
	}
	return scopes.length > 0 ? scopes : ['@self'];
}

function createDestination(core: SandboxCore, params: JsonObject): StripeObject {
	const type = params.type as 'webhook_endpoint' | 'amazon_eventbridge' | 'azure_event_grid';
	if (type === 'azure_event_grid') {
		throw invalidField(
			'type',
			'Azure Event Grid destinations are not supported by the Stripe sandbox: use webhook_endpoint or amazon_eventbridge.',
		);
	}
	const payload = params.event_payload as 'snapshot' | 'thin';
	const snapshotVersion = params.snapshot_api_version as string | undefined;
	if (payload === 'thin' && snapshotVersion !== undefined) {
		throw invalidField(
			'snapshot_api_version',
			'snapshot_api_version is for snapshot destinations only; thin events are not pinned to an API version.',
		);
	}
	const id = core.ids.next('ed', 48);
	const now = rfc3339(core.now());
	const destination: StripeObject = {
		id,
		object: EVENT_DESTINATION_KIND,
		created: now,
		description: (params.description as string | undefined) ?? '',
		enabled_events: readEnabledEvents(params.enabled_events as string[], payload),
		event_payload: payload,
		events_from: readEventsFrom(params),
		livemode: false,
		metadata: mergeV2Metadata({}, params.metadata),
		name: params.name as string,
		snapshot_api_version: payload === 'snapshot' ? (snapshotVersion ?? SANDBOX_API_VERSION) : null,
		status: 'enabled',
		status_details: null,
		type,
		updated: now,
	};
	const internals = core.store.internals(id);
	// The hash of the destination's type is required with it: a rule across fields.
	const settings = params[type] as JsonObject | undefined;
	if (!settings) throw invalidField(type, `Missing required param: ${type} (for type ${type}).`);
	if (type === 'webhook_endpoint') {
		internals.url = checkUrl(settings.url as string, 'webhook_endpoint.url');
		internals.secret = `whsec_${core.ids.token(32)}`;
		destination.webhook_endpoint = { signing_secret: null, url: null };
	} else {
		const account = settings.aws_account_id as string;
		if (!/^\d{12}$/.test(account)) {
			throw invalidField(
				'amazon_eventbridge.aws_account_id',
				`Invalid amazon_eventbridge.aws_account_id "${account}": an AWS account id has 12 digits.`,
			);
		}
		const region = settings.aws_region as string;
		internals.awsRegion = region;
		// The partner event source exists but is not yet associated with an event bus: pending.
		destination.amazon_eventbridge = {
			aws_account_id: account,
			aws_event_source_arn: stripeEventSourceArn(id, region),
			aws_event_source_status: 'pending',
		};
	}
	return core.store.put(core.platformAccountId, destination);
}

/** Marks an EventBridge destination's partner event source as associated with an event bus. */
export function activateEventBridgeSource(core: SandboxCore, destinationId: string): void {
	const destination = core.store.get(core.platformAccountId, EVENT_DESTINATION_KIND, destinationId);
	if (!destination || destination.type !== 'amazon_eventbridge') {
		throw new Error(
			`activateEventBridgeSource: no Amazon EventBridge destination ${destinationId}`,
		);
	}
	(destination.amazon_eventbridge as { aws_event_source_status: string }).aws_event_source_status =
		'active';
}

function destinationOf(context: V2HandlerContext): StripeObject {
	const destination = context.core.store.get(
		context.core.platformAccountId,
		EVENT_DESTINATION_KIND,
		context.pathParams.id,
	);
	if (!destination) throw resourceMissing('event destination', context.pathParams.id);
	return destination;
}

function setStatus(context: V2HandlerContext, status: 'enabled' | 'disabled'): JsonObject {
	const destination = destinationOf(context);
	destination.status = status;
	destination.status_details = status === 'disabled' ? { disabled: { reason: 'user' } } : null;
	destination.updated = rfc3339(context.core.now());
	return render(destination, context.core, []);
}

/** Routes for event destinations: create, retrieve, list, update, delete, enable, disable, ping. */
export const v2EventDestinationRoutes: V2RouteTable = {
	'POST /v2/core/event_destinations': ({ core, params, asPlatform }) => {
		if (!asPlatform)
			throw invalidRequest(
				'Event destinations belong to the platform; send the request without Stripe-Context.',
			);
		return render(createDestination(core, params), core, listParam(params, 'include'));
	},
	'GET /v2/core/event_destinations': (context) => {
		const request = listRequest(context.query);
		const include = listParam(request.params, 'include');
		const destinations = context.core.store.newestFirst(
			context.core.platformAccountId,
			EVENT_DESTINATION_KIND,
		);
		return paginateV2(destinations, request, context.path, (destination) =>
			render(destination, context.core, include),
		);
	},
	'GET /v2/core/event_destinations/{id}': (context) =>
		render(destinationOf(context), context.core, listParam(context.query, 'include')),
	'POST /v2/core/event_destinations/{id}': (context) => {
		const { params, core } = context;
		const destination = destinationOf(context);
		if (params.name !== undefined) destination.name = params.name;
		if (params.description !== undefined) destination.description = params.description;
		if (params.enabled_events !== undefined) {
			destination.enabled_events = readEnabledEvents(
				params.enabled_events as string[],
				destination.event_payload as 'snapshot' | 'thin',
			);
		}
		destination.metadata = mergeV2Metadata(
			destination.metadata as Record<string, string>,
			params.metadata,
		);
		const endpoint = params.webhook_endpoint as JsonObject | undefined;
		if (endpoint) {
			if (destination.type !== 'webhook_endpoint') {
				throw invalidField(
					'webhook_endpoint',
					'Only webhook_endpoint destinations have a webhook_endpoint; the type cannot change.',
				);
			}
			core.store.internals(destination.id).url = checkUrl(
				endpoint.url as string,
				'webhook_endpoint.url',
			);
		}
		destination.updated = rfc3339(core.now());
		return render(destination, core, listParam(params, 'include'));
	},
	'DELETE /v2/core/event_destinations/{id}': (context) => {
		const destination = destinationOf(context);
		context.core.store.remove(
			context.core.platformAccountId,
			EVENT_DESTINATION_KIND,
			destination.id,
		);
		return { id: destination.id, object: EVENT_DESTINATION_KIND };
	},
	'POST /v2/core/event_destinations/{id}/enable': (context) => setStatus(context, 'enabled'),
	'POST /v2/core/event_destinations/{id}/disable': (context) => setStatus(context, 'disabled'),
	'POST /v2/core/event_destinations/{id}/ping': (context) => {
		const destination = destinationOf(context);
		const event = emitV2Event(context.core, {
			type: 'v2.core.event_destination.ping',
			relatedObject: {
				id: destination.id,
				type: EVENT_DESTINATION_KIND,
				url: `/v2/core/event_destinations/${destination.id}`,
			},
			deliver: false,
		});
		context.core.webhooks.deliverTo(event, destination);
		return clone(event);
	},
};
