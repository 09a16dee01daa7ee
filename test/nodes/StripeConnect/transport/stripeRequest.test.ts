import { describe, expect, it } from 'vitest';

import { isConnectionError, nextPageQuery } from '../../../../nodes/shared/stripeRequest';

describe('nextPageQuery', () => {
	it('continues a list after its last object', () => {
		expect(
			nextPageQuery(
				{ object: 'list', has_more: true, data: [{ id: 'po_2' }, { id: 'po_1' }] },
				{ limit: 100 },
			),
		).toEqual({ limit: 100, starting_after: 'po_1' });
	});

	it('continues a search with next_page', () => {
		expect(
			nextPageQuery(
				{ object: 'search_result', has_more: true, next_page: 'abc', data: [] },
				{ query: 'q', limit: 100 },
			),
		).toEqual({ query: 'q', limit: 100, page: 'abc' });
	});

	it('stops on the last page', () => {
		expect(
			nextPageQuery({ object: 'list', has_more: false, data: [{ id: 'x' }] }, {}),
		).toBeUndefined();
		expect(
			nextPageQuery({ object: 'search_result', has_more: true, next_page: null, data: [] }, {}),
		).toBeUndefined();
		expect(nextPageQuery({ object: 'list', has_more: true, data: [] }, {})).toBeUndefined();
	});
});

describe('isConnectionError', () => {
	it('recognises failed connections, directly or as the cause', () => {
		expect(isConnectionError({ code: 'ECONNREFUSED' })).toBe(true);
		expect(isConnectionError({ message: 'x', cause: { code: 'ECONNRESET' } })).toBe(true);
	});

	it('does not treat other errors as connection errors', () => {
		expect(isConnectionError(new Error('The Stripe API key is malformed.'))).toBe(false);
		expect(isConnectionError(undefined)).toBe(false);
		expect(isConnectionError({ code: 'ERR_BAD_REQUEST' })).toBe(false);
	});
});
