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
 * Reads a list or search to the end, or until `limit` objects: pages of 100 when reading everything,
 * otherwise pages sized to what is still missing, so no object is fetched only to be dropped.
 * Lists follow `starting_after`, searches follow `next_page`.
 */
export async function readStripeList(
	context: StripeCallContext,
	connection: StripeConnection,
	request: StripeRequest,
	limit: number,
	options: SendOptions = {},
): Promise<IDataObject[]> {
	const objects: IDataObject[] = [];
	let query: IDataObject | undefined = {
		...(request.query ?? {}),
		limit: Math.min(STRIPE_MAX_PAGE_SIZE, limit),
	};
	let pageOptions = options;
	while (query) {
		const { body: page } = await sendStripeRequest(
			context,
			connection,
			{ ...request, query },
			pageOptions,
		);
		// A slot taken before the first page serves only that page.
		pageOptions = { ...options, firstSlot: undefined };
		for (const object of (page.data as IDataObject[] | undefined) ?? []) {
			if (objects.length >= limit) break;
			objects.push(object);
		}
		if (objects.length >= limit) break;
		query = nextPageQuery(page, {
			...query,
			limit: Math.min(STRIPE_MAX_PAGE_SIZE, limit - objects.length),
		});
	}
	return objects;
}
