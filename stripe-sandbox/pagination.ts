import type { SandboxCore } from './core';
import { clone } from './core';
import { invalidRequest, missingReference } from './errors';
import type { Params, ParamValue } from './validation/validateRequest';
import type { NewestFirstList, StripeObject } from './store';

/** Stripe's list envelope. */
export interface StripeList {
	object: 'list';
	data: unknown[];
	has_more: boolean;
	url: string;
}

/** True when a unix timestamp satisfies a `created`-style filter (a number or {gt,gte,lt,lte}). */
export function matchesRange(value: unknown, filter: ParamValue | undefined): boolean {
	if (filter === undefined || filter === '') return true;
	if (typeof value !== 'number') return false;
	if (typeof filter === 'number') return value === filter;
	if (typeof filter !== 'object' || Array.isArray(filter)) return true;
	const { gt, gte, lt, lte } = filter as Record<string, number | undefined>;
	return (
		(gt === undefined || value > gt) &&
		(gte === undefined || value >= gte) &&
		(lt === undefined || value < lt) &&
		(lte === undefined || value <= lte)
	);
}

/** The id an expandable field refers to, whether it holds an id or an expanded object. */
export function idOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
		return (value as { id: string }).id;
	}
	return undefined;
}

/** A test that an object's fields equal the given filter values (filters left undefined are ignored). */
function fieldsMatch(
	filters: Record<string, ParamValue | undefined>,
): (object: StripeObject) => boolean {
	const wanted = Object.entries(filters).filter(([, value]) => value !== undefined);
	return (object) =>
		wanted.every(([field, value]) => (idOf(object[field]) ?? object[field]) === value);
}

/**
 * The filter most Stripe list endpoints share: each parameter named in `equal`, when given, must match the
 * object's field of the same name (an id or an expanded object's id), and each range parameter (`created`
 * by default, e.g. `created[gte]=…`) bounds the field of the same name.
 */
export function listFilter(
	params: Params,
	options: { equal?: readonly string[]; ranges?: readonly string[] } = {},
): (object: StripeObject) => boolean {
	const equal = fieldsMatch(
		Object.fromEntries((options.equal ?? []).map((name) => [name, params[name]])),
	);
	const ranges = options.ranges ?? ['created'];
	return (object) =>
		equal(object) && ranges.every((name) => matchesRange(object[name], params[name]));
}

/** Every test passes (tests left undefined are skipped): combines a list's filters into one. */
export function allOf(
	...tests: Array<((object: StripeObject) => boolean) | undefined>
): (object: StripeObject) => boolean {
	const present = tests.filter((test) => test !== undefined);
	return (object) => present.every((test) => test(object));
}

/** The first `count` items of an iterable, stopping there. */
function take<T>(items: Iterable<T>, count: number): T[] {
	const taken: T[] = [];
	for (const item of items) {
		taken.push(item);
		if (taken.length === count) break;
	}
	return taken;
}

function expandPath(
	core: SandboxCore,
	target: Record<string, unknown>,
	path: string[],
	full: string,
): void {
	const [field, ...rest] = path;
	if (field === 'data' && Array.isArray(target.data)) {
		for (const item of target.data) expandPath(core, item as Record<string, unknown>, rest, full);
		return;
	}
	const value = target[field];
	if (value === null || value === undefined) return;
	if (typeof value === 'string') {
		const found = core.store.find(value);
		if (!found)
			throw invalidRequest(`This property cannot be expanded (${full}).`, undefined, 'expand');
		target[field] = clone(found.object);
	} else if (typeof value !== 'object') {
		throw invalidRequest(`This property cannot be expanded (${full}).`, undefined, 'expand');
	}
	if (rest.length > 0) expandPath(core, target[field] as Record<string, unknown>, rest, full);
}

/** Copies an object for the response and replaces the `expand[]` paths with the objects they name. */
export function present(
	core: SandboxCore,
	object: unknown,
	expand: ParamValue | undefined,
): unknown {
	const copy = clone(object) as Record<string, unknown>;
	const paths = Array.isArray(expand) ? (expand as string[]) : [];
	for (const path of paths) {
		if (path.split('.').length > 4) {
			throw invalidRequest(
				`You cannot expand more than 4 levels of a property. Property: ${path}`,
				undefined,
				'expand',
			);
		}
		expandPath(core, copy, path.split('.'), path);
	}
	return copy;
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
