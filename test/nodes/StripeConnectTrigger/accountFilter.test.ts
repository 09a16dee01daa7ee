import { describe, expect, it } from 'vitest';

import { parseAccountFilter } from '../../../nodes/StripeConnectTrigger/accountFilter';

describe('the connected account filter', () => {
	it('accepts ids separated by commas, spaces or line breaks, once each', () => {
		expect(parseAccountFilter(' acct_1A, acct_2B\nacct_1A  acct_3C ')).toEqual({
			ids: ['acct_1A', 'acct_2B', 'acct_3C'],
		});
		expect(parseAccountFilter('')).toEqual({ ids: [] });
		expect(parseAccountFilter(undefined)).toEqual({ ids: [] });
	});

	it('names the entry that is not an account id', () => {
		expect(parseAccountFilter('acct_1A, po_123')).toEqual({
			problem: expect.stringContaining('"po_123" in Connected Account IDs') as unknown as string,
		});
	});
});
