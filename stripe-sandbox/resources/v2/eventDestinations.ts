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
import {
	invalidField,
	mergeV2Metadata,
	optionalEnum,
	optionalEnumArray,
	optionalObject,
	optionalString,
	refuseUnknownFields,
	requiredString,
} from '../../v2/request';
import { EVENT_DESTINATION_KIND } from '../../webhooks';

const TYPES = ['webhook_endpoint', 'amazon_eventbridge'] as const;
const PAYLOADS = ['snapshot', 'thin'] as const;
/** Scopes the sandbox has: the platform itself and its connected accounts (no organization). */
const EVENTS_FROM = ['@self', '@accounts'] as const;
const INCLUDES = ['webhook_endpoint.signing_secret', 'webhook_endpoint.url'] as const;
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
function readEnabledEvents(value: unknown, payload: 'snapshot' | 'thin'): string[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw invalidField(
			'enabled_events',
			'Missing required param: enabled_events (a non-empty array of event types).',
		);
	}
	const pattern = payload === 'thin' ? THIN_TYPE : SNAPSHOT_TYPE;
	for (const type of value) {
		if (
			typeof type !== 'string' ||
			(type !== '*' && (!pattern.test(type) || (payload === 'snapshot' && /^v[12]\./.test(type))))
		) {
			throw invalidField(
				'enabled_events',
				payload === 'thin'
					? `Invalid event type "${String(type)}" for a thin destination: use v1.<type> (e.g. v1.payout.failed) or v2.… types.`
					: `Invalid event type "${String(type)}" for a snapshot destination: use v1 event types such as payout.failed (v2 events are thin only).`,
			);
		}
	}
	return [...new Set(value as string[])];
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

function createDestination(core: SandboxCore, params: JsonObject): StripeObject {
	refuseUnknownFields(params, [
		'amazon_eventbridge',
		'description',
		'enabled_events',
		'event_payload',
		'events_from',
		'include',
		'metadata',
		'name',
		'snapshot_api_version',
		'type',
		'webhook_endpoint',
	]);
	const name = requiredString(params, 'name');
	const type = optionalEnum(params, 'type', TYPES);
	if (!type)
		throw invalidField(
			'type',
			'Missing required param: type (webhook_endpoint or amazon_eventbridge).',
		);
	const payload = optionalEnum(params, 'event_payload', PAYLOADS);
	if (!payload)
		throw invalidField(
			'event_payload',
			'Missing required param: event_payload (snapshot or thin).',
		);
	const snapshotVersion = optionalString(params, 'snapshot_api_version');
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
		description: optionalString(params, 'description') ?? '',
		enabled_events: readEnabledEvents(params.enabled_events, payload),
		event_payload: payload,
		events_from: optionalEnumArray(params, 'events_from', EVENTS_FROM) ?? ['@self'],
		livemode: false,
		metadata: mergeV2Metadata({}, params.metadata),
		name,
		snapshot_api_version: payload === 'snapshot' ? (snapshotVersion ?? SANDBOX_API_VERSION) : null,
		status: 'enabled',
		status_details: null,
		type,
		updated: now,
	};
	const internals = core.store.internals(id);
	if (type === 'webhook_endpoint') {
		const endpoint = optionalObject(params, 'webhook_endpoint');
		refuseUnknownFields(endpoint ?? {}, ['url'], 'webhook_endpoint.');
		internals.url = checkUrl(
			requiredString(endpoint ?? {}, 'url', 'webhook_endpoint.'),
			'webhook_endpoint.url',
		);
		internals.secret = `whsec_${core.ids.token(32)}`;
		destination.webhook_endpoint = { signing_secret: null, url: null };
	} else {
		const aws = optionalObject(params, 'amazon_eventbridge');
		refuseUnknownFields(aws ?? {}, ['aws_account_id', 'aws_region'], 'amazon_eventbridge.');
		const account = requiredString(aws ?? {}, 'aws_account_id', 'amazon_eventbridge.');
		if (!/^\d{12}$/.test(account)) {
			throw invalidField(
				'amazon_eventbridge.aws_account_id',
				`Invalid amazon_eventbridge.aws_account_id "${account}": an AWS account id has 12 digits.`,
			);
		}
		const region = requiredString(aws ?? {}, 'aws_region', 'amazon_eventbridge.');
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

function includeOf(params: JsonObject, allowed: readonly string[]): string[] {
	return optionalEnumArray(params, 'include', allowed) ?? [];
}

function setStatus(context: V2HandlerContext, status: 'enabled' | 'disabled'): JsonObject {
	refuseUnknownFields(context.params, []);
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
		return render(createDestination(core, params), core, includeOf(params, INCLUDES));
	},
	'GET /v2/core/event_destinations': (context) => {
		const request = listRequest(context.query);
		const include = includeOf(request.params, ['webhook_endpoint.url']);
		refuseUnknownFields(request.params, ['include']);
		const destinations = context.core.store.newestFirst(
			context.core.platformAccountId,
			EVENT_DESTINATION_KIND,
		);
		return paginateV2(destinations, request, context.path, (destination) =>
			render(destination, context.core, include),
		);
	},
	'GET /v2/core/event_destinations/{id}': (context) => {
		refuseUnknownFields(context.query, ['include']);
		return render(
			destinationOf(context),
			context.core,
			includeOf(context.query, ['webhook_endpoint.url']),
		);
	},
	'POST /v2/core/event_destinations/{id}': (context) => {
		const { params, core } = context;
		refuseUnknownFields(params, [
			'description',
			'enabled_events',
			'include',
			'metadata',
			'name',
			'webhook_endpoint',
		]);
		const destination = destinationOf(context);
		const name = optionalString(params, 'name');
		if (name !== undefined) destination.name = name;
		const description = optionalString(params, 'description');
		if (description !== undefined) destination.description = description;
		if (params.enabled_events !== undefined) {
			destination.enabled_events = readEnabledEvents(
				params.enabled_events,
				destination.event_payload as 'snapshot' | 'thin',
			);
		}
		destination.metadata = mergeV2Metadata(
			destination.metadata as Record<string, string>,
			params.metadata,
		);
		const endpoint = optionalObject(params, 'webhook_endpoint');
		if (endpoint) {
			if (destination.type !== 'webhook_endpoint') {
				throw invalidField(
					'webhook_endpoint',
					'Only webhook_endpoint destinations have a webhook_endpoint; the type cannot change.',
				);
			}
			refuseUnknownFields(endpoint, ['url'], 'webhook_endpoint.');
			core.store.internals(destination.id).url = checkUrl(
				requiredString(endpoint, 'url', 'webhook_endpoint.'),
				'webhook_endpoint.url',
			);
		}
		destination.updated = rfc3339(core.now());
		return render(destination, core, includeOf(params, ['webhook_endpoint.url']));
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
		refuseUnknownFields(context.params, []);
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
