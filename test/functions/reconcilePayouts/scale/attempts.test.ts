import { describe, expect, it } from 'vitest';

import {
	decideBatchAttempt,
	MAX_BATCH_ATTEMPTS,
	MAX_CARRIED_BYTES,
	type AttemptReport,
} from '../../../../functions/reconcilePayouts/scale/attempts';
import {
	firstAttempt,
	type BatchInput,
	type BatchProgress,
	type BatchRetry,
} from '../../../../functions/reconcilePayouts/scale/batches';
import type { PayoutOutcome } from '../../../../functions/reconcilePayouts/outcomes';
import { eventsOf, ids, payoutOutcome, planOf, window } from '../../../support/scaleFixtures';

const accounts = ids(3);
const plan = planOf(accounts, 3);
const [a0, a1, a2] = accounts;
const outcomes: PayoutOutcome[] = [
	payoutOutcome(a0, 'reconciled', 1_000),
	payoutOutcome(a1, 'reconciled', 2_000),
	payoutOutcome(a1, 'failed', 300, '_2'),
	payoutOutcome(a2, 'failed', 400),
];
const events = eventsOf(outcomes);
const keyOf = (index: number) => events[index].detail.eventKey;

function input(progress: BatchProgress = firstAttempt()): BatchInput {
	return {
		runId: plan.runId,
		batchIndex: 0,
		batch: plan.batches[0],
		window,
		now: window.until,
		progress,
	};
}

/** An attempt that listed `listed`, reconciled what it was given and sent every event it built. */
function report(overrides: Partial<Extract<AttemptReport, { listed: true }>> = {}): AttemptReport {
	return {
		listed: true,
		accounts,
		outcomes,
		shortfalls: [],
		transientAccountFailures: [],
		events,
		sent: events.length,
		undelivered: [],
		calls: { apiCalls: 7, retries: 1 },
		...overrides,
	};
}

const listingFailure = (retryable: boolean): AttemptReport => ({
	listed: false,
	failure: { Error: 'StripeAPIError', Cause: 'An unknown error occurred' },
	retryable,
	calls: { apiCalls: 5, retries: 4 },
});

function asRetry(result: ReturnType<typeof decideBatchAttempt>): BatchRetry['retry'] {
	if (!('retry' in result)) throw new Error(`expected a retry, got ${JSON.stringify(result)}`);
	return result.retry;
}

describe('decideBatchAttempt', () => {
	it('finishes a batch whose accounts all settled, counting each outcome and call once', () => {
		const result = decideBatchAttempt(input(), report());
		expect(result).not.toHaveProperty('retry');
		expect(result).not.toHaveProperty('failure');
		if ('retry' in result) return;
		expect(result.summary?.accounts).toEqual({ total: 3, completed: 3, notReached: [] });
		expect(result.summary?.payouts).toMatchObject({ reconciled: 2, failed: 2 });
		expect(result.summary).toMatchObject({ apiCalls: 7, retries: 1, eventsPublished: 4 });
	});

	it('asks for another attempt after a transient listing failure, carrying its calls', () => {
		const retry = asRetry(decideBatchAttempt(input(), listingFailure(true), { random: () => 0 }));
		expect(retry.waitSeconds).toBe(15);
		expect(retry.input.progress).toMatchObject({
			attempt: 2,
			settledAccounts: [],
			deliveredEventKeys: [],
			summary: { apiCalls: 5, retries: 4, accounts: { total: 0 } },
		});
		expect(retry.input).toMatchObject({ batch: plan.batches[0], window, now: window.until });
	});

	it('waits longer before the third attempt (the repository’s one backoff)', () => {
		const second: BatchProgress = { ...firstAttempt(), attempt: 2 };
		const retry = asRetry(
			decideBatchAttempt(input(second), listingFailure(true), { random: () => 0.999 }),
		);
		expect(retry.waitSeconds).toBe(60);
		expect(retry.input.progress.attempt).toBe(3);
	});

	it('gives a listing failure Stripe calls final up at once', () => {
		const result = decideBatchAttempt(input(), listingFailure(false));
		expect(result).toEqual({
			batchIndex: 0,
			summary: expect.objectContaining({ apiCalls: 5 }),
			failure: { Error: 'StripeAPIError', Cause: 'An unknown error occurred' },
		});
	});

	it('gives a transient listing failure up on the last attempt', () => {
		const last: BatchProgress = { ...firstAttempt(), attempt: MAX_BATCH_ATTEMPTS };
		const result = decideBatchAttempt(input(last), listingFailure(true));
		expect(result).toMatchObject({ failure: { Error: 'StripeAPIError' } });
	});

	it('comes back only for the account whose events did not all go out, carrying what did', () => {
		const undelivered = [{ eventKey: keyOf(2), errorCode: 'InternalFailure', retryable: true }];
		const retry = asRetry(decideBatchAttempt(input(), report({ undelivered })));
		expect(retry.input.progress).toMatchObject({
			attempt: 2,
			settledAccounts: [a0, a2],
			deliveredEventKeys: [keyOf(1)],
		});
		const carried = retry.input.progress.summary;
		expect(carried?.accounts).toEqual({ total: 2, completed: 2, notReached: [] });
		expect(carried?.payouts).toMatchObject({ reconciled: 1, failed: 1 });
		expect(carried).toMatchObject({ apiCalls: 7, eventsPublished: 3 });
	});

	it('finishes on the next attempt, counting the account once and only the events sent again', () => {
		const first = asRetry(
			decideBatchAttempt(
				input(),
				report({
					undelivered: [{ eventKey: keyOf(2), errorCode: 'InternalFailure', retryable: true }],
				}),
			),
		);
		// The next attempt reconciles a1 alone and sends only the event not delivered before.
		const result = decideBatchAttempt(
			first.input,
			report({
				outcomes: outcomes.slice(1, 3),
				events: events.slice(1, 3),
				sent: 1,
				calls: { apiCalls: 3, retries: 0 },
			}),
		);
		if ('retry' in result) throw new Error('expected the batch to finish');
		expect(result.failure).toBeUndefined();
		expect(result.summary?.accounts).toEqual({ total: 3, completed: 3, notReached: [] });
		expect(result.summary?.payouts).toMatchObject({ reconciled: 2, failed: 2 });
		expect(result.summary).toMatchObject({ apiCalls: 10, eventsPublished: 4 });
	});

	it('gives up without retrying when EventBridge refused an event, naming the accounts it left', () => {
		const undelivered = [
			{ eventKey: keyOf(0), errorCode: 'AccessDeniedException', retryable: false },
			{ eventKey: keyOf(3), errorCode: 'InternalFailure', retryable: true },
		];
		const result = decideBatchAttempt(input(), report({ undelivered }));
		if ('retry' in result) throw new Error('a refused event must not be retried');
		expect(result.failure).toMatchObject({ Error: 'EventPublishError' });
		expect(result.failure?.Cause).toMatch(
			/2 event\(s\) of 2 account\(s\) could not be published after 1 attempt\(s\) \(AccessDeniedException, InternalFailure\)/,
		);
		expect(result.summary?.accounts.total).toBe(3);
		expect(result.summary?.accounts.notReached.map((shortfall) => shortfall.account)).toEqual([
			a0,
			a2,
		]);
		expect(result.summary?.accounts.notReached[0].message).toBe(
			'1 of its 1 events could not be published to EventBridge (AccessDeniedException).',
		);
		expect(result.summary?.payouts).toMatchObject({ reconciled: 1, failed: 1 });
	});

	it('retries accounts that failed for a transient reason or ran out of time, not those that failed for good', () => {
		const retry = asRetry(
			decideBatchAttempt(
				input(),
				report({
					outcomes: outcomes.slice(1, 3),
					events: events.slice(1, 3),
					sent: 2,
					shortfalls: [
						{ account: a0, reason: 'error', message: 'Stripe answered 500' },
						{ account: a2, reason: 'time_budget' },
					],
					transientAccountFailures: [a0],
				}),
			),
		);
		expect(retry.input.progress.settledAccounts).toEqual([a1]);
		const permanent = decideBatchAttempt(
			input(),
			report({
				outcomes: outcomes.slice(1, 4),
				events: events.slice(1, 4),
				shortfalls: [{ account: a0, reason: 'error', message: 'No such account' }],
			}),
		);
		if ('retry' in permanent) throw new Error('a final account failure is not retried');
		expect(permanent.failure).toBeUndefined();
		expect(permanent.summary?.accounts).toEqual({
			total: 3,
			completed: 2,
			notReached: [{ account: a0, reason: 'error', message: 'No such account' }],
		});
	});

	it('reports accounts still failing on the last attempt as not reached, like a single run', () => {
		const last: BatchProgress = { ...firstAttempt(), attempt: MAX_BATCH_ATTEMPTS };
		const result = decideBatchAttempt(
			input(last),
			report({
				outcomes: outcomes.slice(1),
				events: events.slice(1),
				shortfalls: [{ account: a0, reason: 'error', message: 'Stripe answered 500' }],
				transientAccountFailures: [a0],
			}),
		);
		if ('retry' in result) throw new Error('no attempt is left');
		expect(result.failure).toBeUndefined();
		expect(result.summary?.accounts).toMatchObject({ total: 3, completed: 2 });
		expect(result.summary?.accounts.notReached).toEqual([
			{ account: a0, reason: 'error', message: 'Stripe answered 500' },
		]);
	});

	it('gives up instead of retrying when what it would carry does not fit a state', () => {
		const many = Array.from({ length: 3_000 }, (_, index) =>
			payoutOutcome(a1, 'reconciled', 100, `_${index}_${'x'.repeat(40)}`),
		);
		const manyEvents = eventsOf(many);
		const result = decideBatchAttempt(
			input(),
			report({
				outcomes: many,
				events: manyEvents,
				sent: manyEvents.length,
				undelivered: [
					{
						eventKey: manyEvents[0].detail.eventKey,
						errorCode: 'InternalFailure',
						retryable: true,
					},
				],
			}),
		);
		expect(JSON.stringify(manyEvents.map((event) => event.detail.eventKey)).length).toBeGreaterThan(
			MAX_CARRIED_BYTES,
		);
		expect(result).toMatchObject({ failure: { Error: 'EventPublishError' } });
	});
});
