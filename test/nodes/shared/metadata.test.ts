import { describe, expect, it } from 'vitest';

import { buildStripeMetadata } from '../../../nodes/shared/metadata';

describe('buildStripeMetadata', () => {
	it('sets keys, and an empty value clears that key', () => {
		expect(
			buildStripeMetadata([
				{ key: 'order', value: 42 },
				{ key: 'old', value: '' },
			]),
		).toEqual({ order: '42', old: '' });
	});

	it('clears all metadata with an empty metadata value', () => {
		expect(buildStripeMetadata([], true)).toBe('');
	});

	it('sends nothing without pairs', () => {
		expect(buildStripeMetadata([])).toBeUndefined();
	});

	it.each([
		[[{ key: ' ' }], false, 'is empty'],
		[[{ key: 'x'.repeat(41), value: '1' }], false, 'at most 40 characters'],
		[[{ key: 'a[b]', value: '1' }], false, 'without square brackets'],
		[
			[
				{ key: 'a', value: '1' },
				{ key: 'a', value: '2' },
			],
			false,
			'appears twice',
		],
		[[{ key: 'a', value: 'v'.repeat(501) }], false, 'at most 500'],
		[
			Array.from({ length: 51 }, (_, index) => ({ key: `k${index}`, value: '1' })),
			false,
			'at most 50',
		],
		[[{ key: 'a', value: '1' }], true, 'cannot be combined'],
	])('rejects %#', (pairs, clearAll, message) => {
		expect(() => buildStripeMetadata(pairs, clearAll)).toThrow(message);
	});
});
