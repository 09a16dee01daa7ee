import { invalidRequest } from '../errors';
import type { FormObject } from '../formCodec';
import { take } from '../pagination';
import type { NewestFirstList, StripeObject } from '../store';

/** A page of a v2 list: no `object`, no `has_more`; the URLs of the neighbouring pages instead. */
export interface V2ListPage {
	data: unknown[];
	next_page_url: string | null;
	previous_page_url: string | null;
}

/** What a page token carries: where the page starts, its size and the list's own parameters. */
interface PageToken {
	after?: string;
	before?: string;
	limit: number;
	params: FormObject;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

function encodeToken(token: PageToken): string {
	return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function decodeToken(text: string): PageToken {
	try {
		const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PageToken;
		if (typeof token.limit === 'number' && token.params && typeof token.params === 'object') {
			return token;
		}
	} catch {
		// Falls through to the 400 below.
	}
	throw invalidRequest(
		'Invalid page token. Follow next_page_url or previous_page_url as they were returned.',
		'invalid_page_token',
		'page',
	);
}

function readLimit(value: unknown): number {
	if (value === undefined) return DEFAULT_LIMIT;
	const limit = Number(value);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		throw invalidRequest(
			`Invalid limit: must be an integer between 1 and ${MAX_LIMIT}.`,
			'invalid_fields',
			'limit',
		);
	}
	return limit;
}

/**
 * The list's parameters and page position: from the `page` token when one is given (it carries
 * the filters of the first request, so a next_page_url is followed as is), else from the query.
 * Filters sent beside a page token are refused rather than silently ignored.
 */
export function listRequest(query: FormObject): PageToken {
	const { page, limit, ...params } = query;
	if (page === undefined) return { limit: readLimit(limit), params };
	if (typeof page !== 'string' || page === '') throw decodeToken('');
	const token = decodeToken(page);
	const extra = Object.keys(params);
	if (extra.length > 0) {
		throw invalidRequest(
			`A page token carries the list's filters; send page alone (optionally with limit), not with ${extra.join(', ')}.`,
			'invalid_fields',
			extra[0],
		);
	}
	return { ...token, limit: limit === undefined ? token.limit : readLimit(limit) };
}

/**
 * One page of a newest-first list, v2 style: `next_page_url` / `previous_page_url` carry page
 * tokens (null at either end). Reads at most `limit + 1` objects from the cursor.
 */
export function paginateV2(
	list: NewestFirstList,
	request: PageToken,
	path: string,
	render: (object: StripeObject) => unknown,
): V2ListPage {
	const { limit, params } = request;
	let page: StripeObject[];
	let olderExist: boolean;
	let newerExist: boolean;
	if (request.before !== undefined) {
		const newer = list.newerThan(request.before);
		if (!newer) throw decodeToken('');
		const nearest = take(newer, limit + 1);
		newerExist = nearest.length > limit;
		page = nearest.slice(0, limit).reverse();
		olderExist = true;
	} else {
		const older = list.olderThan(request.after);
		if (!older) throw decodeToken('');
		const nearest = take(older, limit + 1);
		olderExist = nearest.length > limit;
		page = nearest.slice(0, limit);
		newerExist = request.after !== undefined;
	}
	const urlFor = (token: Omit<PageToken, 'limit' | 'params'>) =>
		`${path}?page=${encodeToken({ ...token, limit, params })}`;
	return {
		data: page.map(render),
		next_page_url: olderExist && page.length > 0 ? urlFor({ after: page.at(-1)?.id }) : null,
		previous_page_url: newerExist && page.length > 0 ? urlFor({ before: page[0].id }) : null,
	};
}
