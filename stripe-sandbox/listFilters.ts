import type { Params, ParamValue } from './openapi/validateRequest';
import type { StripeObject } from './store';

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
