import type { SandboxCore } from './core';
import { invalidRequest, missingReference } from './errors';
import { present } from './expand';
import type { Params } from './openapi/validateRequest';
import type { NewestFirstList, StripeObject } from './store';

/** Stripe's list envelope. */
export interface StripeList {
	object: 'list';
	data: unknown[];
	has_more: boolean;
	url: string;
}

/** The first `count` items of an iterable, stopping there. */
export function take<T>(items: Iterable<T>, count: number): T[] {
	const taken: T[] = [];
	for (const item of items) {
		taken.push(item);
		if (taken.length === count) break;
	}
	return taken;
}

/**
 * One page of a newest-first list: `limit` 1–100 (default 10), `starting_after` / `ending_before`
 * cursors, `has_more`, and `expand[]` (including `data.x`) applied to the page. Reads at most
 * `limit + 1` matches from the cursor, so a page costs what it returns, not what the account holds.
 */
export function paginate(
	core: SandboxCore,
	list: NewestFirstList,
	params: Params,
	url: string,
	noun: string,
): StripeList {
	const limit = params.limit === undefined ? 10 : Number(params.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
		throw invalidRequest('Invalid limit: must be between 1 and 100', undefined, 'limit');
	}
	if (params.starting_after !== undefined && params.ending_before !== undefined) {
		throw invalidRequest(
			'You may only specify one of these parameters: ending_before, starting_after.',
			undefined,
			'starting_after',
		);
	}
	let page: StripeObject[];
	let hasMore: boolean;
	if (typeof params.ending_before === 'string' && params.ending_before !== '') {
		const newer = list.newerThan(params.ending_before);
		if (!newer) throw missingReference(noun, params.ending_before, 'ending_before');
		// Read nearest the cursor first, one more than the page to learn whether there are more.
		const nearest = take(newer, limit + 1);
		hasMore = nearest.length > limit;
		page = nearest.slice(0, limit).reverse();
	} else {
		const cursor =
			typeof params.starting_after === 'string' && params.starting_after !== ''
				? params.starting_after
				: undefined;
		const older = list.olderThan(cursor);
		if (!older) throw missingReference(noun, cursor as string, 'starting_after');
		const nearest = take(older, limit + 1);
		hasMore = nearest.length > limit;
		page = nearest.slice(0, limit);
	}
	const envelope: StripeList = { object: 'list', data: page, has_more: hasMore, url };
	return present(core, envelope, params.expand) as StripeList;
}
