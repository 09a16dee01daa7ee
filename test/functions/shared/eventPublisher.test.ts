import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
	createEventBridgePublisher,
	entrySize,
	EventPublishError,
	planBatches,
	toPutEventsEntry,
	type JobEvent,
} from '../../../functions/shared/eventPublisher';
import { eventBridgeClientFor } from '../../support/eventBridgeClient';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';

function jobEvent(index: number, padding = ''): JobEvent {
	return {
		source: 'stripe-connect.test',
		detailType: 'Test Event',
		detail: {
			eventKey: `test:${index}`,
			account: `acct_${index}`,
			payout: null,
			amount: index,
			currency: 'usd',
			padding,
		},
	};
}

const noWait = async () => {};

describe('the EventBridge publisher', () => {
	let standIn: EventBridgeStandIn;
	beforeEach(async () => {
		standIn = await startEventBridgeStandIn();
	});
	afterEach(async () => {
		await standIn.close();
	});

	function publisher(overrides: { maxRequestBytes?: number; maxEntryRetries?: number } = {}) {
		return createEventBridgePublisher({
			client: eventBridgeClientFor(standIn.url),
			eventBusName: 'tips-bus',
			sleep: noWait,
			...overrides,
		});
	}

	it('sends signed PutEvents requests of at most 10 entries, in order', async () => {
		const events = Array.from({ length: 23 }, (_, index) => jobEvent(index));
		const report = await publisher().publish(events);

		expect(report).toEqual({ published: 23, requests: 3, retriedEntries: 0 });
		const requests = standIn.requests();
		expect(requests.map((request) => request.entries.length)).toEqual([10, 10, 3]);
		for (const request of requests) {
			expect(request.method).toBe('POST');
			expect(request.path).toBe('/');
			expect(request.headers['x-amz-target']).toBe('AWSEvents.PutEvents');
			expect(request.headers['content-type']).toBe('application/x-amz-json-1.1');
			expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDSTANDIN\//);
			expect(request.status).toBe(200);
		}
		expect(standIn.accepted().map((entry) => entry.detail.eventKey)).toEqual(
			events.map((event) => event.detail.eventKey),
		);
		expect(standIn.accepted()[0]).toMatchObject({
			Source: 'stripe-connect.test',
			DetailType: 'Test Event',
			EventBusName: 'tips-bus',
			Detail: JSON.stringify(events[0].detail),
		});
	});

	it('splits requests so the entries stay under the size limit', async () => {
		const big = 'x'.repeat(100 * 1024);
		const events = [jobEvent(1, big), jobEvent(2, big), jobEvent(3, big), jobEvent(4)];
		await publisher().publish(events);

		const requests = standIn.requests();
		expect(requests.map((request) => request.entries.length)).toEqual([2, 2]);
		for (const request of requests) {
			const size = request.entries.reduce(
				(sum, entry) =>
					sum +
					entrySize({ Source: entry.Source, DetailType: entry.DetailType, Detail: entry.Detail }),
				0,
			);
			expect(size).toBeLessThanOrEqual(256 * 1024);
		}
		expect(standIn.accepted()).toHaveLength(4);
		expect(entrySize(toPutEventsEntry(events[0], 'tips-bus'))).toBeGreaterThan(100 * 1024);
	});

	it('re-sends only the entries that failed with a retryable code', async () => {
		standIn.failEntries({
			errorCode: 'ThrottlingException',
			times: 1,
			match: (entry) => entry.detail.eventKey === 'test:2',
		});
		standIn.failEntries({
			errorCode: 'InternalFailure',
			times: 2,
			match: (entry) => entry.detail.eventKey === 'test:4',
		});
		const events = Array.from({ length: 6 }, (_, index) => jobEvent(index));
		const report = await publisher().publish(events);

		expect(report).toEqual({ published: 6, requests: 3, retriedEntries: 3 });
		const [first, second, third] = standIn.requests();
		expect(first.entries.map((entry) => entry.detail.eventKey)).toEqual(
			events.map((event) => event.detail.eventKey),
		);
		expect(first.response).toMatchObject({ FailedEntryCount: 2 });
		expect(second.entries.map((entry) => entry.detail.eventKey)).toEqual(['test:2', 'test:4']);
		expect(third.entries.map((entry) => entry.detail.eventKey)).toEqual(['test:4']);
		expect(
			standIn
				.accepted()
				.map((entry) => entry.detail.eventKey)
				.sort(),
		).toEqual(events.map((event) => event.detail.eventKey).sort());
	});

	it('publishes everything else, then fails naming entries rejected with a non-retryable code', async () => {
		standIn.failEntries({
			errorCode: 'AccessDeniedException',
			errorMessage: 'Not authorized to put to this bus',
			match: (entry) => entry.detail.eventKey === 'test:1',
		});
		const events = Array.from({ length: 3 }, (_, index) => jobEvent(index));
		const failure = await publisher()
			.publish(events)
			.then(
				() => undefined,
				(error: unknown) => error,
			);

		expect(failure).toBeInstanceOf(EventPublishError);
		const error = failure as EventPublishError;
		expect(error.undelivered).toEqual([
			{
				event: events[1],
				errorCode: 'AccessDeniedException',
				errorMessage: 'Not authorized to put to this bus',
			},
		]);
		expect(error.report.published).toBe(2);
		expect(error.message).toContain('1 event(s) could not be published');
		expect(standIn.requests()).toHaveLength(1);
		expect(standIn.accepted().map((entry) => entry.detail.eventKey)).toEqual(['test:0', 'test:2']);
	});

	it('gives up on an entry that keeps failing after the configured rounds', async () => {
		standIn.failEntries({
			errorCode: 'InternalFailure',
			match: (entry) => entry.detail.eventKey === 'test:0',
		});
		const failure = (await publisher({ maxEntryRetries: 2 })
			.publish([jobEvent(0), jobEvent(1)])
			.catch((error: unknown) => error)) as EventPublishError;

		expect(failure).toBeInstanceOf(EventPublishError);
		expect(
			failure.undelivered.map((entry) => [entry.event.detail.eventKey, entry.errorCode]),
		).toEqual([['test:0', 'InternalFailure']]);
		expect(standIn.requests()).toHaveLength(3);
		expect(standIn.accepted().map((entry) => entry.detail.eventKey)).toEqual(['test:1']);
	});

	it('lets the SDK retry a throttled request and delivers every entry once', async () => {
		standIn.failRequests({
			status: 400,
			type: 'ThrottlingException',
			message: 'Rate exceeded',
			times: 1,
		});
		const report = await publisher().publish([jobEvent(0), jobEvent(1)]);

		expect(report.published).toBe(2);
		expect(standIn.requests().map((request) => request.status)).toEqual([400, 200]);
		expect(standIn.accepted()).toHaveLength(2);
	});

	it('reports a request the SDK could not deliver after its retries, after sending the other batches', async () => {
		standIn.failRequests({ status: 500, type: 'InternalException', times: 3 });
		const events = Array.from({ length: 12 }, (_, index) => jobEvent(index));
		const failure = (await publisher()
			.publish(events)
			.catch((error: unknown) => error)) as EventPublishError;

		expect(failure).toBeInstanceOf(EventPublishError);
		expect(failure.undelivered).toHaveLength(10);
		expect(new Set(failure.undelivered.map((entry) => entry.errorCode))).toEqual(
			new Set(['InternalException']),
		);
		expect(standIn.accepted().map((entry) => entry.detail.eventKey)).toEqual([
			'test:10',
			'test:11',
		]);
	});

	it('refuses an entry larger than a whole request without sending it', async () => {
		const failure = (await publisher({ maxRequestBytes: 1024 })
			.publish([jobEvent(0, 'x'.repeat(2048)), jobEvent(1)])
			.catch((error: unknown) => error)) as EventPublishError;

		expect(failure.undelivered.map((entry) => entry.errorCode)).toEqual(['EntryTooLarge']);
		expect(standIn.accepted().map((entry) => entry.detail.eventKey)).toEqual(['test:1']);
	});
});

describe('planBatches', () => {
	it('never exceeds 10 items or the byte limit, and keeps order', () => {
		const sizes = [5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9];
		const batches = planBatches(sizes, (size) => size, 10);
		expect(batches).toEqual([[5, 5], [5, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [9]]);
	});
});
