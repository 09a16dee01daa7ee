import { describe, expect, it } from 'vitest';

import { resolveWindow } from '../../../functions/reconcilePayouts/window';

describe('resolveWindow', () => {
	it('defaults to the lookback plus overlap ending now', () => {
		expect(resolveWindow({}, 1_700_000_000.7, 24, 6)).toEqual({
			since: 1_700_000_000 - 30 * 3600,
			until: 1_700_000_000,
		});
	});

	it('takes explicit ISO bounds and names the field that is malformed or out of order', () => {
		expect(resolveWindow({ since: '2026-11-01', until: '2026-11-02T00:00:00Z' }, 0, 24, 6)).toEqual(
			{
				since: Date.parse('2026-11-01T00:00:00Z') / 1000,
				until: Date.parse('2026-11-02T00:00:00Z') / 1000,
			},
		);
		expect(() => resolveWindow({ since: 'yesterday' }, 1_700_000_000, 24, 6)).toThrow(
			/^since: "yesterday" is not an ISO 8601/,
		);
		expect(() => resolveWindow({ since: '2026-11-03', until: '2026-11-02' }, 0, 24, 6)).toThrow(
			/^since: .* is not before until/,
		);
	});
});
