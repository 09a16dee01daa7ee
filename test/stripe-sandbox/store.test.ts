import { describe, expect, it } from 'vitest';
import { ObjectStore, type StripeObject } from '../../stripe-sandbox/store';

const ACCOUNT = 'acct_store';
const payout = (
	id: string,
	created: number,
	extra: Record<string, unknown> = {},
): StripeObject => ({
	id,
	object: 'payout',
	created,
	...extra,
});
const idsOf = (objects: Iterable<StripeObject> | undefined) =>
	objects === undefined ? undefined : [...objects].map((object) => object.id);

describe('ObjectStore', () => {
	it('lists newest first by created, then the object filed later first', () => {
		const store = new ObjectStore();
		for (const [id, created] of [
			['po_b', 20],
			['po_a', 10],
			['po_c', 20],
			['po_d', 30],
			['po_e', 10],
		] as const) {
			store.put(ACCOUNT, payout(id, created));
		}
		expect(idsOf(store.list(ACCOUNT, 'payout'))).toEqual(['po_d', 'po_c', 'po_b', 'po_e', 'po_a']);
		expect(idsOf(store.newestFirst(ACCOUNT, 'payout').olderThan(undefined))).toEqual([
			'po_d',
			'po_c',
			'po_b',
			'po_e',
			'po_a',
		]);
	});

	it('walks from a cursor in both directions, nearest first, through the filter only', () => {
		const store = new ObjectStore();
		for (let index = 0; index < 6; index++) {
			store.put(ACCOUNT, payout(`po_${index}`, 100, { currency: index % 2 === 0 ? 'eur' : 'usd' }));
		}
		const euros = store.newestFirst(ACCOUNT, 'payout', (object) => object.currency === 'eur');
		expect(idsOf(euros.olderThan('po_4'))).toEqual(['po_2', 'po_0']);
		expect(idsOf(euros.newerThan('po_0'))).toEqual(['po_2', 'po_4']);
		expect(euros.olderThan('po_3')).toBeUndefined();
		expect(euros.newerThan('po_missing')).toBeUndefined();
		expect(idsOf(store.newestFirst('acct_other', 'payout').olderThan(undefined))).toEqual([]);
	});

	it('keeps an updated object in place and moves it when its created time changes', () => {
		const store = new ObjectStore();
		store.put(ACCOUNT, payout('po_old', 10));
		store.put(ACCOUNT, payout('po_new', 20));
		store.put(ACCOUNT, payout('po_old', 10, { status: 'paid' }));
		expect(store.list(ACCOUNT, 'payout').map((object) => [object.id, object.status])).toEqual([
			['po_new', undefined],
			['po_old', 'paid'],
		]);
		store.put(ACCOUNT, payout('po_old', 30));
		expect(idsOf(store.list(ACCOUNT, 'payout'))).toEqual(['po_old', 'po_new']);
		expect(idsOf(store.newestFirst(ACCOUNT, 'payout').olderThan('po_old'))).toEqual(['po_new']);
	});

	it('forgets a removed object in lists, cursors, lookups and sums', () => {
		const store = new ObjectStore();
		for (const id of ['po_1', 'po_2', 'po_3']) store.put(ACCOUNT, payout(id, 5));
		store.remove(ACCOUNT, 'payout', 'po_2');
		expect(idsOf(store.list(ACCOUNT, 'payout'))).toEqual(['po_3', 'po_1']);
		expect(store.newestFirst(ACCOUNT, 'payout').olderThan('po_2')).toBeUndefined();
		expect(store.find('po_2')).toBeUndefined();
		expect(idsOf(store.values(ACCOUNT, 'payout'))).toEqual(['po_1', 'po_3']);
	});

	it('hands out a new array from list() each time', () => {
		const store = new ObjectStore();
		store.put(ACCOUNT, payout('po_1', 1));
		const first = store.list(ACCOUNT, 'payout');
		first.pop();
		expect(idsOf(store.list(ACCOUNT, 'payout'))).toEqual(['po_1']);
	});
});
