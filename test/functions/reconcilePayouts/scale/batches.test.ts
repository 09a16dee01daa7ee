import { describe, expect, it } from 'vitest';

import {
	assertPlanFits,
	collectRangeAccounts,
	MAX_BATCHES,
	planAccountRanges,
} from '../../../../functions/reconcilePayouts/scale/batches';
import { ids, planOf } from '../../../support/scaleFixtures';

describe('planAccountRanges', () => {
	it('cuts the account list into consecutive ranges that name their neighbours', () => {
		expect(planAccountRanges(ids(5), 2)).toEqual([
			{ after: null, through: 'acct_0001', next: 'acct_0002', size: 2 },
			{ after: 'acct_0001', through: 'acct_0003', next: 'acct_0004', size: 2 },
			{ after: 'acct_0003', through: 'acct_0004', next: null, size: 1 },
		]);
	});

	it('plans nothing for a platform without connected accounts', () => {
		expect(planAccountRanges([], 100)).toEqual([]);
	});

	it('rejects a batch size that is not a positive whole number', () => {
		expect(() => planAccountRanges(ids(3), 0)).toThrow(
			/SCALE_BATCH_SIZE must be a whole number of at least 1/,
		);
		expect(() => planAccountRanges(ids(3), 1.5)).toThrow(/SCALE_BATCH_SIZE/);
	});
});

describe('assertPlanFits', () => {
	it('accepts the largest plan the state machine can carry', () => {
		expect(() => assertPlanFits(planOf(ids(MAX_BATCHES * 3), 3), 3)).not.toThrow();
	});

	it('names the batch size to raise when there are too many batches', () => {
		expect(() => assertPlanFits(planOf(ids(MAX_BATCHES * 3 + 1), 3), 3)).toThrow(
			/601 accounts make 201 batches of 3, more than the 200 .* Raise the scaleBatchSize stage parameter \(SCALE_BATCH_SIZE\) to at least 4\./,
		);
	});
});

describe('collectRangeAccounts', () => {
	const range = { after: 'acct_0001', through: 'acct_0003', next: 'acct_0004', size: 2 };

	it('stops at the last account of its range', () => {
		expect(collectRangeAccounts(range, [], ['acct_0002', 'acct_0003', 'acct_0004'])).toEqual({
			accounts: ['acct_0002', 'acct_0003'],
			done: true,
		});
	});

	it('continues over pages until the range ends', () => {
		const first = collectRangeAccounts(range, [], ['acct_0002']);
		expect(first).toEqual({ accounts: ['acct_0002'], done: false });
		expect(collectRangeAccounts(range, first.accounts, ['acct_0003'])).toEqual({
			accounts: ['acct_0002', 'acct_0003'],
			done: true,
		});
	});

	it('stops before the next batch when its own last account was deleted after planning', () => {
		expect(collectRangeAccounts(range, [], ['acct_0002', 'acct_0004', 'acct_0005'])).toEqual({
			accounts: ['acct_0002'],
			done: true,
		});
	});

	it('takes accounts created after planning into the first range', () => {
		const firstRange = { after: null, through: 'acct_0001', next: 'acct_0002', size: 2 };
		expect(
			collectRangeAccounts(firstRange, [], ['acct_new', 'acct_0000', 'acct_0001', 'acct_0002']),
		).toEqual({
			accounts: ['acct_new', 'acct_0000', 'acct_0001'],
			done: true,
		});
	});
});
