import { describe, expect, it } from 'vitest';

import {
	SEEN_EVENT_ID_LIMIT,
	rememberEventId,
} from '../../../nodes/StripeConnectTrigger/seenEvents';

describe('remembering event ids', () => {
	it('returns the ids with the new one appended, without touching the stored array', () => {
		const stored = ['evt_1', 'evt_2'];
		expect(rememberEventId(stored, 'evt_3')).toEqual(['evt_1', 'evt_2', 'evt_3']);
		expect(stored).toEqual(['evt_1', 'evt_2']);
	});

	it('says an id was already seen', () => {
		expect(rememberEventId(['evt_1', 'evt_2'], 'evt_1')).toBeUndefined();
	});

	it('forgets the oldest ids beyond the limit', () => {
		const full = Array.from({ length: SEEN_EVENT_ID_LIMIT }, (_, index) => `evt_${index}`);
		const next = rememberEventId(full, 'evt_new')!;
		expect(next).toHaveLength(SEEN_EVENT_ID_LIMIT);
		expect(next[0]).toBe('evt_1');
		expect(next[next.length - 1]).toBe('evt_new');
		expect(rememberEventId(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
	});
});
