import { describe, expect, it } from 'vitest';

import {
	EventLedger,
	eventLedgerFor,
	PROCESS_MEMORY,
} from '../../../nodes/StripeConnectTrigger/eventLedger';
import {
	mergeSeenEventIds,
	SEEN_EVENT_ID_LIMIT,
} from '../../../nodes/StripeConnectTrigger/seenEvents';
import { claimIdempotencyKey } from '../../../nodes/StripeConnectTrigger/stripeClaim';

describe('merging two copies of the seen-ids list', () => {
	it('returns its own list untouched when the other adds nothing', () => {
		const own = ['evt_1', 'evt_2'];
		expect(mergeSeenEventIds(own, ['evt_2', 'evt_1'])).toBe(own);
		expect(mergeSeenEventIds(own, [])).toBe(own);
	});

	it('places ids only the other copy knows after the id that precedes them there', () => {
		expect(mergeSeenEventIds(['evt_a', 'evt_c'], ['evt_a', 'evt_b', 'evt_c', 'evt_d'])).toEqual([
			'evt_a',
			'evt_b',
			'evt_c',
			'evt_d',
		]);
		expect(mergeSeenEventIds(['evt_c'], ['evt_x', 'evt_y', 'evt_x'])).toEqual([
			'evt_x',
			'evt_y',
			'evt_c',
		]);
	});

	it('drops the oldest beyond the limit', () => {
		expect(mergeSeenEventIds(['evt_b', 'evt_d'], ['evt_a', 'evt_b', 'evt_c'], 3)).toEqual([
			'evt_b',
			'evt_c',
			'evt_d',
		]);
		const own = Array.from({ length: SEEN_EVENT_ID_LIMIT }, (_, index) => `evt_own${index}`);
		const other = Array.from({ length: SEEN_EVENT_ID_LIMIT }, (_, index) => `evt_other${index}`);
		const merged = mergeSeenEventIds(own, other);
		expect(merged).toHaveLength(SEEN_EVENT_ID_LIMIT);
		expect(merged).toEqual(own);
	});
});

describe('the in-process event ledger', () => {
	it('lets one delivery claim an event; a second sees it in flight until the first commits', async () => {
		const ledger = new EventLedger();
		const first = ledger.claim('evt_1');
		expect(first.outcome).toBe('claimed');
		const second = ledger.claim('evt_1');
		expect(second.outcome).toBe('in-flight');
		if (first.outcome !== 'claimed' || second.outcome !== 'in-flight') return;

		let settled = false;
		void second.settled.then(() => (settled = true));
		await Promise.resolve();
		expect(settled).toBe(false);
		first.commit();
		await second.settled;
		expect(ledger.claim('evt_1')).toEqual({ outcome: 'seen' });
		expect(ledger.eventIds).toEqual(['evt_1']);
	});

	it('forgets a released claim, so the next delivery of the event claims it again', async () => {
		const ledger = new EventLedger();
		const first = ledger.claim('evt_1');
		const waiting = ledger.claim('evt_1');
		if (first.outcome !== 'claimed' || waiting.outcome !== 'in-flight') throw new Error('claim');
		first.release();
		await waiting.settled;
		expect(ledger.claim('evt_1').outcome).toBe('claimed');
		expect(ledger.eventIds).toEqual([]);
	});

	it('commits or releases a claim once', () => {
		const ledger = new EventLedger();
		const claim = ledger.claim('evt_1');
		if (claim.outcome !== 'claimed') throw new Error('claim');
		claim.commit();
		claim.release();
		expect(ledger.claim('evt_1')).toEqual({ outcome: 'seen' });
	});

	it('stores the newest 1,000 ids but refuses every id it handled', () => {
		const ledger = new EventLedger();
		for (let index = 0; index <= SEEN_EVENT_ID_LIMIT; index += 1) {
			const claim = ledger.claim(`evt_${index}`);
			if (claim.outcome === 'claimed') claim.commit();
		}
		expect(ledger.eventIds).toHaveLength(SEEN_EVENT_ID_LIMIT);
		expect(ledger.eventIds[0]).toBe('evt_1');
		expect(ledger.claim('evt_0')).toEqual({ outcome: 'seen' });
		expect(ledger.claim(`evt_${SEEN_EVENT_ID_LIMIT}`)).toEqual({ outcome: 'seen' });
	});

	it("remembers a handled id for Stripe's three days of redelivery, then forgets it", () => {
		let now = Date.UTC(2026, 11, 3);
		const ledger = new EventLedger(PROCESS_MEMORY, () => now);
		const claim = ledger.claim('evt_monday');
		if (claim.outcome === 'claimed') claim.commit();

		now += PROCESS_MEMORY.horizonMs;
		const next = ledger.claim('evt_thursday');
		if (next.outcome === 'claimed') next.commit();
		expect(ledger.claim('evt_monday')).toEqual({ outcome: 'seen' });

		now += 1;
		const later = ledger.claim('evt_thursday_later');
		if (later.outcome === 'claimed') later.commit();
		expect(ledger.claim('evt_monday').outcome).toBe('claimed');
		expect(ledger.claim('evt_thursday')).toEqual({ outcome: 'seen' });
	});

	it('forgets the oldest ids beyond its limit, so only those can be claimed again', () => {
		const ledger = new EventLedger({ horizonMs: PROCESS_MEMORY.horizonMs, limit: 3 });
		for (const id of ['evt_a', 'evt_b', 'evt_c', 'evt_d']) {
			const claim = ledger.claim(id);
			if (claim.outcome === 'claimed') claim.commit();
		}
		expect(ledger.claim('evt_a').outcome).toBe('claimed');
		for (const id of ['evt_b', 'evt_c', 'evt_d']) {
			expect(ledger.claim(id)).toEqual({ outcome: 'seen' });
		}
	});

	it('remembers ids learned from a stored list like its own', () => {
		const ledger = new EventLedger();
		const stored = Array.from({ length: SEEN_EVENT_ID_LIMIT }, (_, index) => `evt_s${index}`);
		ledger.absorb(stored);
		for (let index = 0; index < 10; index += 1) {
			const claim = ledger.claim(`evt_new${index}`);
			if (claim.outcome === 'claimed') claim.commit();
		}
		expect(ledger.eventIds).not.toContain('evt_s0');
		expect(ledger.claim('evt_s0')).toEqual({ outcome: 'seen' });
	});

	it('takes in the stored list, keeping only event ids', () => {
		const ledger = new EventLedger();
		ledger.absorb(['evt_stored', `evt_${'x'.repeat(1024 * 1024)}`, 42, 'acct_1A', 'evt_bad\r\n']);
		ledger.absorb('not a list');
		ledger.absorb(undefined);
		expect(ledger.eventIds).toEqual(['evt_stored']);
		expect(ledger.claim('evt_stored')).toEqual({ outcome: 'seen' });
	});

	it('stores an id handed to n8n before n8n accepts it, and remembers it once accepted', async () => {
		const ledger = new EventLedger();
		const claim = ledger.claim('evt_handed');
		if (claim.outcome !== 'claimed') throw new Error('claim');
		claim.handOver();

		expect(ledger.eventIds).toEqual(['evt_handed']);
		const waiting = ledger.claim('evt_handed');
		expect(waiting.outcome).toBe('in-flight');
		// Another request's save carried the id to the database; reading it back changes nothing.
		ledger.absorb(['evt_handed']);
		expect(ledger.claim('evt_handed').outcome).toBe('in-flight');

		claim.commit();
		if (waiting.outcome === 'in-flight') await waiting.settled;
		expect(ledger.claim('evt_handed')).toEqual({ outcome: 'seen' });
		expect(ledger.eventIds).toEqual(['evt_handed']);
	});

	it('gives back an id n8n could not start, and never takes it back from a stored list', async () => {
		const ledger = new EventLedger();
		const earlier = ledger.claim('evt_earlier');
		if (earlier.outcome === 'claimed') earlier.commit();
		const claim = ledger.claim('evt_refused');
		if (claim.outcome !== 'claimed') throw new Error('claim');
		claim.handOver();
		expect(ledger.eventIds).toEqual(['evt_earlier', 'evt_refused']);
		const waiting = ledger.claim('evt_refused');

		claim.release();
		if (waiting.outcome === 'in-flight') await waiting.settled;
		expect(ledger.eventIds).toEqual(['evt_earlier']);
		// A save made while the id was handed over still holds it in the database.
		ledger.absorb(['evt_earlier', 'evt_refused', 'evt_other']);
		expect(ledger.eventIds).toEqual(['evt_earlier', 'evt_other']);

		const retry = ledger.claim('evt_refused');
		expect(retry.outcome).toBe('claimed');
		if (retry.outcome === 'claimed') retry.commit();
		expect(ledger.claim('evt_refused')).toEqual({ outcome: 'seen' });
		expect(ledger.eventIds).toEqual(['evt_earlier', 'evt_other', 'evt_refused']);
	});

	it('stores at most 1,000 ids, handed-over ones included', () => {
		const ledger = new EventLedger();
		for (let index = 0; index < SEEN_EVENT_ID_LIMIT; index += 1) {
			const claim = ledger.claim(`evt_${index}`);
			if (claim.outcome === 'claimed') claim.commit();
		}
		const claim = ledger.claim('evt_handed');
		if (claim.outcome !== 'claimed') throw new Error('claim');
		claim.handOver();
		expect(ledger.eventIds).toHaveLength(SEEN_EVENT_ID_LIMIT);
		expect(ledger.eventIds.at(-1)).toBe('evt_handed');
		expect(ledger.eventIds[0]).toBe('evt_1');
	});

	it('keeps one ledger per workflow, node and webhook mode for the life of the process', () => {
		const ledger = eventLedgerFor('wf-ledger-test', 'Stripe Connect Trigger', 'webhook');
		expect(eventLedgerFor('wf-ledger-test', 'Stripe Connect Trigger', 'webhook')).toBe(ledger);
		expect(eventLedgerFor('wf-ledger-test', 'Stripe Connect Trigger', 'manual')).not.toBe(ledger);
		expect(eventLedgerFor('wf-ledger-test', 'Other Trigger', 'webhook')).not.toBe(ledger);
		expect(eventLedgerFor('wf-other', 'Stripe Connect Trigger', 'webhook')).not.toBe(ledger);
	});
});

describe('the idempotency key of a claim at Stripe', () => {
	it('names the endpoint and the event, hashed only when it would pass 255 characters', () => {
		expect(claimIdempotencyKey('we_1Endpoint', 'evt_1Event')).toBe(
			'n8n-event-claim:we_1Endpoint:evt_1Event',
		);
		const long = claimIdempotencyKey(`we_${'a'.repeat(200)}`, `evt_${'b'.repeat(200)}`);
		expect(long).toMatch(/^n8n-event-claim:[0-9a-f]{64}$/);
		expect(claimIdempotencyKey(`we_${'a'.repeat(200)}`, `evt_${'c'.repeat(200)}`)).not.toBe(long);
	});
});
