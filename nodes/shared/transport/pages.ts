import type { IDataObject } from 'n8n-workflow';

import type { StripeRequest } from './request';
import type { SendOptions, StripeCallContext, StripeConnection } from './send';
import { sendStripeRequest } from './send';

/** Stripe's largest page size for list endpoints. */
export const STRIPE_MAX_PAGE_SIZE = 100;

/** The next request of a list or search, or undefined when the last page has been read. */
export function nextPageQuery(page: IDataObject, query: IDataObject): IDataObject | undefined {
	if (page.has_more !== true) return undefined;
	if (page.object === 'search_result') {
		return typeof page.next_page === 'string' && page.next_page !== ''
			? { ...query, page: page.next_page }
			: undefined;
	}
	const data = page.data as IDataObject[];
	const last = data[data.length - 1];
	return last && typeof last.id === 'string' ? { ...query, starting_after: last.id } : undefined;
}

/**
 * The next page of a v2 list: Stripe names it whole in `next_page_url` (null on the last page), e.g.
 * `/v2/core/accounts?page=…`. Returns the path and query to send, or undefined when there is none.
 */
export function nextPageOfV2(page: IDataObject): { path: string; query: IDataObject } | undefined {
	if (typeof page.next_page_url !== 'string' || page.next_page_url === '') return undefined;
	const next = new URL(page.next_page_url, 'https://api.stripe.com');
	return { path: next.pathname, query: Object.fromEntries(next.searchParams) };
}

/**
 * Reads a list or search to the end, or until `limit` objects: pages of 100 when reading everything,
 * otherwise pages sized to what is still missing, so no object is fetched only to be dropped.
 * Lists follow `starting_after`, searches follow `next_page`, v2 lists follow `next_page_url`.
 * `keep` filters what Stripe cannot filter itself (e.g. disputes by status): only kept objects count
 * toward `limit`, and pages are then always 100 long.
 */
export async function readStripeList(
	context: StripeCallContext,
	connection: StripeConnection,
	request: StripeRequest,
	limit: number,
	options: SendOptions = {},
	keep?: (object: IDataObject) => boolean,
): Promise<IDataObject[]> {
	const objects: IDataObject[] = [];
	const pageSize = (missing: number) =>
		keep ? STRIPE_MAX_PAGE_SIZE : Math.min(STRIPE_MAX_PAGE_SIZE, missing);
	let query: IDataObject | undefined = {
		...(request.query ?? {}),
		limit: pageSize(limit),
	};
	let pageOptions = options;
	let path = request.path;
	while (query) {
		const { body: page } = await sendStripeRequest(
			context,
			connection,
			{ ...request, path, query },
			pageOptions,
		);
		// A slot taken before the first page serves only that page.
		pageOptions = { ...options, firstSlot: undefined };
		for (const object of (page.data as IDataObject[] | undefined) ?? []) {
			if (objects.length >= limit) break;
			if (keep && !keep(object)) continue;
			objects.push(object);
		}
		if (objects.length >= limit) break;
		const v2 = nextPageOfV2(page);
		if (v2) {
			path = v2.path;
			query = v2.query;
			continue;
		}
		query = nextPageQuery(page, {
			...query,
			limit: pageSize(limit - objects.length),
		});
	}
	return objects;
}
