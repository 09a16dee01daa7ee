import { describe, expect, it } from 'vitest';
import { StripeApiError } from '../../../stripe-sandbox/errors';
import { decodeV2Query, mergeV2Metadata, parseV2Body } from '../../../stripe-sandbox/v2/request';

describe('v2 request decoding', () => {
	it('reads the JSON object body and refuses anything else with invalid_json', () => {
		expect(parseV2Body('')).toEqual({});
		expect(parseV2Body('{"a":{"b":[1,null]}}')).toEqual({ a: { b: [1, null] } });
		for (const body of ['a=b', '[1]', 'null', '"x"']) {
			expect(() => parseV2Body(body)).toThrow(StripeApiError);
		}
	});

	it('reads indexed and repeated query arrays alike', () => {
		expect(decodeV2Query('include[0]=identity&include[1]=defaults')).toEqual({
			include: ['identity', 'defaults'],
		});
		expect(decodeV2Query('include=identity&include=defaults&limit=2')).toEqual({
			include: ['identity', 'defaults'],
			limit: '2',
		});
		expect(decodeV2Query('created[gt]=2025-01-01T00:00:00.000Z')).toEqual({
			created: { gt: '2025-01-01T00:00:00.000Z' },
		});
	});

	it('removes metadata keys set to null, as v2 does, and refuses other values', () => {
		expect(mergeV2Metadata({ a: '1', b: '2' }, { a: null, c: '3' })).toEqual({ b: '2', c: '3' });
		expect(() => mergeV2Metadata({}, { a: 1 })).toThrow('metadata.a');
		expect(() => mergeV2Metadata({}, { a: '' })).not.toThrow();
	});
});
