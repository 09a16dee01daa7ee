import type { SandboxCore } from '../core';
import { invalidRequest } from '../errors';
import type { Params } from '../openapi/validateRequest';
import { present } from '../expand';
import type { StripeObject } from '../store';

/** One `field op value` clause of Stripe's search query language. */
interface Clause {
	negated: boolean;
	field: string;
	metadataKey?: string;
	operator: ':' | '~' | '>' | '<' | '>=' | '<=';
	value: string | number | null;
}

const SEARCHABLE_FIELDS = new Set([
	'amount',
	'created',
	'currency',
	'customer',
	'metadata',
	'status',
]);
const CLAUSE =
	/^\s*(-?)([a-z_]+)(?:\[\s*(?:'([^']*)'|"([^"]*)")\s*\])?\s*(>=|<=|:|~|>|<)\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+)|(null))\s*/;

function syntaxError(query: string, detail: string) {
	return invalidRequest(
		`Invalid search query: ${detail} (query: ${query})`,
		'parameter_invalid_string',
		'query',
	);
}

/**
 * Parses the subset of Stripe's search query language the sandbox supports: clauses on amount,
 * created, currency, customer, status and metadata['key'], with `:`, `~`, `>`, `<`, `>=`, `<=`,
 * `-` negation, `null`, joined by AND or by OR (not both, as at Stripe).
 */
export function parseSearchQuery(query: string): { clauses: Clause[]; joiner: 'AND' | 'OR' } {
	const clauses: Clause[] = [];
	const joiners = new Set<string>();
	let rest = query;
	for (;;) {
		const match = CLAUSE.exec(rest);
		if (!match) throw syntaxError(query, `could not parse near "${rest.slice(0, 30)}"`);
		const [whole, negation, field, singleKey, doubleKey, operator, single, double, number, isNull] =
			match;
		if (!SEARCHABLE_FIELDS.has(field)) {
			throw invalidRequest(
				`Field \`${field}\` is an unsupported search field for resource \`payment_intents\`. See https://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.`,
				'parameter_invalid_string',
				'query',
			);
		}
		const metadataKey = singleKey ?? doubleKey;
		if (field === 'metadata' && metadataKey === undefined)
			throw syntaxError(query, "metadata needs a key, e.g. metadata['order_id']");
		let value: string | number | null = isNull
			? null
			: number !== undefined
				? Number(number)
				: (single ?? double ?? '').replace(/\\(.)/g, '$1');
		if (
			(field === 'amount' || field === 'created') &&
			typeof value === 'string' &&
			/^-?\d+$/.test(value)
		)
			value = Number(value);
		clauses.push({
			negated: negation === '-',
			field,
			metadataKey,
			operator: operator as Clause['operator'],
			value,
		});
		rest = rest.slice(whole.length);
		if (rest.trim() === '') break;
		const joiner = /^(AND|OR)\s+/.exec(rest);
		if (!joiner) throw syntaxError(query, `expected AND or OR near "${rest.slice(0, 30)}"`);
		joiners.add(joiner[1]);
		rest = rest.slice(joiner[0].length);
	}
	if (joiners.size > 1) throw syntaxError(query, 'AND and OR cannot be combined in one query');
	return { clauses, joiner: joiners.has('OR') ? 'OR' : 'AND' };
}

function clauseMatches(intent: StripeObject, clause: Clause): boolean {
	const actual =
		clause.field === 'metadata'
			? ((intent.metadata as Record<string, string>)[clause.metadataKey as string] ?? null)
			: (intent[clause.field] ?? null);
	let result: boolean;
	switch (clause.operator) {
		case ':':
			result =
				clause.value === null
					? actual === null
					: String(actual).toLowerCase() === String(clause.value).toLowerCase();
			break;
		case '~':
			result =
				actual !== null &&
				String(actual).toLowerCase().includes(String(clause.value).toLowerCase());
			break;
		default: {
			const left = Number(actual);
			const right = Number(clause.value);
			result =
				actual !== null &&
				(clause.operator === '>'
					? left > right
					: clause.operator === '<'
						? left < right
						: clause.operator === '>='
							? left >= right
							: left <= right);
		}
	}
	return clause.negated ? !result : result;
}

/** GET /v1/payment_intents/search: filtered newest first, paged with `page` / `next_page`. */
export function searchPaymentIntents(
	core: SandboxCore,
	intents: StripeObject[],
	params: Params,
	path: string,
): unknown {
	const query = String(params.query);
	const { clauses, joiner } = parseSearchQuery(query);
	const matches = intents.filter((intent) =>
		joiner === 'AND'
			? clauses.every((clause) => clauseMatches(intent, clause))
			: clauses.some((clause) => clauseMatches(intent, clause)),
	);
	const limit = params.limit === undefined ? 10 : Number(params.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100)
		throw invalidRequest('Invalid limit: must be between 1 and 100', undefined, 'limit');
	let offset = 0;
	if (typeof params.page === 'string' && params.page !== '') {
		const decoded = /^page_(\d+)$/.exec(Buffer.from(params.page, 'base64url').toString('utf8'));
		if (!decoded) throw invalidRequest(`Invalid page: ${params.page}`, undefined, 'page');
		offset = Number(decoded[1]);
	}
	const data = matches.slice(offset, offset + limit);
	const hasMore = offset + limit < matches.length;
	return present(
		core,
		{
			object: 'search_result',
			data,
			has_more: hasMore,
			next_page: hasMore ? Buffer.from(`page_${offset + limit}`).toString('base64url') : null,
			total_count: matches.length,
			url: path,
		},
		params.expand,
	);
}
