import { clone } from '../../core';
import { resourceMissing } from '../../errors';
import type { FormObject } from '../../formCodec';
import type { StripeObject } from '../../store';
import type { V2RouteTable } from '../../types';
import { V2_EVENT_KIND } from '../../v2/events';
import { listRequest, paginateV2 } from '../../v2/pagination';
import { invalidField, optionalString, refuseUnknownFields } from '../../v2/request';

const MAX_TYPES = 20;

/** `created[gt|gte|lt|lte]=<RFC 3339>` as a test on an event's `created`. */
function createdFilter(params: FormObject): (event: StripeObject) => boolean {
	const range = params.created;
	if (range === undefined) return () => true;
	if (!range || typeof range !== 'object' || Array.isArray(range)) {
		throw invalidField(
			'created',
			'Invalid created: use created[gt], created[gte], created[lt] or created[lte].',
		);
	}
	refuseUnknownFields(range, ['gt', 'gte', 'lt', 'lte'], 'created.');
	const bounds = Object.entries(range).map(([operator, value]) => {
		const time = Date.parse(String(value));
		if (Number.isNaN(time)) {
			throw invalidField(
				`created.${operator}`,
				`Invalid created.${operator} "${String(value)}": use an RFC 3339 timestamp.`,
			);
		}
		return [operator, time] as const;
	});
	return (event) => {
		const created = Date.parse(String(event.created));
		return bounds.every(([operator, time]) =>
			operator === 'gt'
				? created > time
				: operator === 'gte'
					? created >= time
					: operator === 'lt'
						? created < time
						: created <= time,
		);
	};
}

function typesOf(params: FormObject): string[] | undefined {
	const types = params.types;
	if (types === undefined) return undefined;
	const list = Array.isArray(types) ? types : [types];
	if (list.length > MAX_TYPES || list.some((type) => typeof type !== 'string')) {
		throw invalidField('types', `Invalid types: up to ${MAX_TYPES} event type names.`);
	}
	return list as string[];
}

/**
 * Routes for v2 events (thin events and their details): list and retrieve, in the account the
 * request acts as, so an event of a connected account is read with its `context` as Stripe-Context.
 */
export const v2EventRoutes: V2RouteTable = {
	'GET /v2/core/events': ({ core, account, query, path }) => {
		const request = listRequest(query);
		refuseUnknownFields(request.params, ['created', 'object_id', 'types']);
		const types = typesOf(request.params);
		const objectId = optionalString(request.params, 'object_id');
		const created = createdFilter(request.params);
		const events = core.store.newestFirst(account, V2_EVENT_KIND, (event) => {
			if (types && !types.includes(String(event.type))) return false;
			if (objectId && (event.related_object as { id?: string } | null)?.id !== objectId)
				return false;
			return created(event);
		});
		return paginateV2(events, request, path, (event) => clone(event));
	},
	'GET /v2/core/events/{id}': ({ core, account, pathParams }) => {
		const event = core.store.get(account, V2_EVENT_KIND, pathParams.id);
		if (!event) throw resourceMissing('event', pathParams.id);
		return clone(event);
	},
};
