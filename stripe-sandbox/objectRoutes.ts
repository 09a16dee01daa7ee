import { clone, mergeMetadata } from './core';
import { resourceMissing } from './errors';
import { emitEvent } from './events';
import { present } from './expand';
import { listFilter } from './listFilters';
import { paginate } from './pagination';
import type { StripeObject } from './store';
import type { Handler, HandlerContext } from './types';

/*
 * What the routes of many Stripe objects do the same way: list them, find the object the request
 * path names, answer it (expanded as asked), and update its metadata.
 */

/** How a route finds the object its path names, or throws the 404 Stripe answers. */
export type PathLookup = (context: HandlerContext) => StripeObject;

/**
 * Finds the `kind` object named by the path parameter `pathParam` on the account the request acts
 * as; a missing one is Stripe's 404 naming `noun` (default: the kind in words) and `errorParam`.
 */
export function objectInPath(
	kind: string,
	pathParam: string,
	noun?: string,
	errorParam?: string,
): PathLookup {
	return (context) =>
		context.core.require(context.account, kind, context.pathParams[pathParam], noun, errorParam);
}

/** Objects listed under a parent's path (`…/{parent}/<objects>`): a transfer's reversals, a fee's refunds. */
export interface NestedKind {
	kind: string;
	/** The field of a nested object that holds its parent's id. */
	parentField: string;
	/** How Stripe's errors name one. */
	noun: string;
}

/**
 * Finds a nested object (`…/{parent}/<objects>/{id}`) that must belong to the parent the path also
 * names; one of another parent is as missing as one that does not exist.
 */
export function childInPath(parent: PathLookup, nested: NestedKind): PathLookup {
	return (context) => {
		const owner = parent(context);
		const child = context.core.store.get(context.account, nested.kind, context.pathParams.id);
		if (!child || child[nested.parentField] !== owner.id)
			throw resourceMissing(nested.noun, context.pathParams.id);
		return child;
	};
}

/**
 * `GET /v1/<objects>`: one page of the account's `kind` objects, newest first, filtered by the list
 * parameters Stripe takes for them (see listFilter); `noun` names them in errors.
 */
export function listRoute(
	kind: string,
	noun: string,
	filters?: Parameters<typeof listFilter>[1],
): Handler {
	return ({ core, account, params, path }) =>
		paginate(
			core,
			core.store.newestFirst(account, kind, filters && listFilter(params, filters)),
			params,
			path,
			noun,
		);
}

/** `GET …/{id}/<objects>`: one page of the nested objects of the parent the path names. */
export function childListRoute(parent: PathLookup, nested: NestedKind): Handler {
	return (context) => {
		const owner = parent(context);
		const children = context.core.store.newestFirst(
			context.account,
			nested.kind,
			(child) => child[nested.parentField] === owner.id,
		);
		return paginate(context.core, children, context.params, context.path, nested.noun);
	};
}

/** `GET …/{id}`: the object the path names, expanded as the request asks. */
export function retrieveRoute(lookup: PathLookup): Handler {
	return (context) => present(context.core, lookup(context), context.params.expand);
}

/**
 * `POST …/{id}` of an object whose only updatable field is `metadata`: merges the update and, when
 * Stripe announces the change, emits `updatedEvent` with the previous metadata.
 */
export function metadataUpdateRoute(lookup: PathLookup, updatedEvent?: string): Handler {
	return (context) => {
		const object = lookup(context);
		const previous = { metadata: clone(object.metadata) };
		object.metadata = mergeMetadata(object.metadata, context.params.metadata);
		if (updatedEvent) {
			emitEvent(context.core, {
				type: updatedEvent,
				object,
				account: context.account,
				previousAttributes: previous,
			});
		}
		return present(context.core, object, context.params.expand);
	};
}
