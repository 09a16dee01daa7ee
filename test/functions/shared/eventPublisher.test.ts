import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
	createEventBridgePublisher,
	entrySize,
	planBatches,
	toPutEventsEntry,
} from '../../../functions/shared/eventPublisher';
import { EventPublishError, type JobEvent } from '../../../functions/shared/jobEvents';
import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';

import { testEvent } from '../../support/jobEvents';
import { eventBridgeClientFor } from '../../support/eventBridgeClient';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../../support/eventBridgeStandIn';

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
		const events = Array.from({ length: 23 }, (_, index) => testEvent(index));
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
		const events = [testEvent(1, big), testEvent(2, big), testEvent(3, big), testEvent(4)];
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
		const events = Array.from({ length: 6 }, (_, index) => testEvent(index));
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
		const events = Array.from({ length: 3 }, (_, index) => testEvent(index));
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
			.publish([testEvent(0), testEvent(1)])
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
		const report = await publisher().publish([testEvent(0), testEvent(1)]);

		expect(report.published).toBe(2);
		expect(standIn.requests().map((request) => request.status)).toEqual([400, 200]);
		expect(standIn.accepted()).toHaveLength(2);
	});

	it('reports a request the SDK could not deliver after its retries, after sending the other batches', async () => {
		standIn.failRequests({ status: 500, type: 'InternalException', times: 3 });
		const events = Array.from({ length: 12 }, (_, index) => testEvent(index));
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
			.publish([testEvent(0, 'x'.repeat(2048)), testEvent(1)])
			.catch((error: unknown) => error)) as EventPublishError;

		expect(failure.undelivered.map((entry) => entry.errorCode)).toEqual(['EntryTooLarge']);
		expect(standIn.accepted().map((entry) => entry.detail.eventKey)).toEqual(['test:1']);
	});
});

describe('the EventBridge publisher as an event stream', () => {
	let standIn: EventBridgeStandIn;
	beforeEach(async () => {
		standIn = await startEventBridgeStandIn();
	});
	afterEach(async () => {
		await standIn.close();
	});

	const summary: JobEvent = {
		source: 'stripe-connect.test',
		detailType: 'Test Completed',
		detail: { eventKey: 'summary', account: null, payout: null, amount: null, currency: null },
	};
	const keysOf = (entries: Array<{ detail: Record<string, unknown> }>) =>
		entries.map((entry) => entry.detail.eventKey);

	/** A client on the stand-in that records which requests were in flight, and the order they started in. */
	function watchedClient() {
		const client = eventBridgeClientFor(standIn.url);
		const send = client.send.bind(client);
		const watch = { inFlight: 0, mostInFlight: 0, started: [] as string[][] };
		client.send = (async (command: PutEventsCommand) => {
			watch.started.push(
				(command.input.Entries ?? []).map(
					(entry) => (JSON.parse(entry.Detail ?? '{}') as { eventKey: string }).eventKey,
				),
			);
			watch.inFlight++;
			watch.mostInFlight = Math.max(watch.mostInFlight, watch.inFlight);
			try {
				return await send(command);
			} finally {
				watch.inFlight--;
			}
		}) as typeof client.send;
		return { client, watch };
	}

	function streamOn(client = eventBridgeClientFor(standIn.url), maxRequestsInFlight?: number) {
		return createEventBridgePublisher({
			client,
			eventBusName: 'tips-bus',
			sleep: noWait,
			maxRequestsInFlight,
		}).openStream();
	}

	it('sends full requests while events are still being added, and the summary last, alone', async () => {
		const stream = streamOn();
		const events = Array.from({ length: 25 }, (_, index) => testEvent(index));
		for (const event of events) stream.add(event);

		// Nothing closed yet: the two full requests go out on their own, the 5 left wait for more.
		await vi.waitFor(() => expect(standIn.requests()).toHaveLength(2), { timeout: 5_000 });
		expect(standIn.accepted()).toHaveLength(20);

		const report = await stream.close([summary]);
		expect(report).toEqual({ published: 26, requests: 4, retriedEntries: 0 });
		const requests = standIn.requests();
		expect(requests.map((request) => request.entries.length)).toEqual([10, 10, 5, 1]);
		expect(keysOf(requests[3].entries)).toEqual(['summary']);
		expect(keysOf(standIn.accepted()).at(-1)).toBe('summary');
		expect(keysOf(standIn.accepted()).sort()).toEqual([...keysOf(events), 'summary'].sort());
	});

	it('starts requests in the order the events were added, never more in flight than allowed', async () => {
		const { client, watch } = watchedClient();
		const stream = streamOn(client, 3);
		const events = Array.from({ length: 95 }, (_, index) => testEvent(index));
		for (const event of events) stream.add(event);
		await stream.close([summary]);

		expect(watch.started.flat()).toEqual([...keysOf(events), 'summary']);
		expect(watch.mostInFlight).toBe(3);
		expect(standIn.requests().map((request) => request.entries.length)).toEqual([
			...Array.from({ length: 9 }, () => 10),
			5,
			1,
		]);
	});

	it('keeps the order of delivery too with one request in flight', async () => {
		const stream = streamOn(eventBridgeClientFor(standIn.url), 1);
		const events = Array.from({ length: 31 }, (_, index) => testEvent(index));
		for (const event of events) stream.add(event);
		await stream.close([summary]);

		expect(keysOf(standIn.accepted())).toEqual([...keysOf(events), 'summary']);
	});

	it('cuts a request at the size limit as events arrive', async () => {
		const big = 'x'.repeat(100 * 1024);
		const stream = streamOn();
		for (const event of [testEvent(1, big), testEvent(2, big), testEvent(3, big), testEvent(4)]) {
			stream.add(event);
		}
		await stream.close();

		expect(standIn.requests().map((request) => request.entries.length)).toEqual([2, 2]);
	});

	it('re-sends an entry that failed retryably mid-stream, with backoff, before the summary', async () => {
		standIn.failEntries({
			errorCode: 'ThrottlingException',
			times: 1,
			match: (entry) => entry.detail.eventKey === 'test:13',
		});
		const delays: number[] = [];
		const stream = createEventBridgePublisher({
			client: eventBridgeClientFor(standIn.url),
			eventBusName: 'tips-bus',
			sleep: async (ms) => {
				delays.push(ms);
			},
			random: () => 1,
		}).openStream();
		const events = Array.from({ length: 20 }, (_, index) => testEvent(index));
		for (const event of events) stream.add(event);
		const report = await stream.close([summary]);

		expect(report).toEqual({ published: 21, requests: 4, retriedEntries: 1 });
		const requests = standIn.requests();
		expect(requests[1].response).toMatchObject({ FailedEntryCount: 1 });
		expect(keysOf(requests[2].entries)).toEqual(['test:13']);
		expect(keysOf(requests[3].entries)).toEqual(['summary']);
		expect(delays).toEqual([200]);
		expect(keysOf(standIn.accepted()).sort()).toEqual([...keysOf(events), 'summary'].sort());
	});

	it('publishes the rest and the summary after a fatal entry failure mid-stream, then fails loudly', async () => {
		standIn.failEntries({
			errorCode: 'AccessDeniedException',
			errorMessage: 'Not authorized to put to this bus',
			match: (entry) => entry.detail.eventKey === 'test:5',
		});
		const stream = streamOn();
		const events = Array.from({ length: 15 }, (_, index) => testEvent(index));
		for (const event of events) stream.add(event);
		const failure = (await stream
			.close([summary])
			.catch((error: unknown) => error)) as EventPublishError;

		expect(failure).toBeInstanceOf(EventPublishError);
		expect(failure.undelivered).toEqual([
			{
				event: events[5],
				errorCode: 'AccessDeniedException',
				errorMessage: 'Not authorized to put to this bus',
			},
		]);
		expect(failure.report).toEqual({ published: 15, requests: 3, retriedEntries: 0 });
		expect(keysOf(standIn.accepted()).at(-1)).toBe('summary');
		expect(keysOf(standIn.accepted()).sort()).toEqual(
			[...keysOf(events).filter((key) => key !== 'test:5'), 'summary'].sort(),
		);
	});

	it('reports a request the SDK gave up on mid-stream after publishing everything else', async () => {
		standIn.failRequests({ status: 500, type: 'InternalException', times: 3 });
		const stream = streamOn();
		const events = Array.from({ length: 12 }, (_, index) => testEvent(index));
		for (const event of events.slice(0, 10)) stream.add(event);
		// The SDK's three attempts at the first request fail while the job is still producing.
		await vi.waitFor(() => expect(standIn.requests()).toHaveLength(3), { timeout: 10_000 });
		for (const event of events.slice(10)) stream.add(event);
		const failure = (await stream
			.close([summary])
			.catch((error: unknown) => error)) as EventPublishError;

		expect(failure).toBeInstanceOf(EventPublishError);
		expect(keysOf(failure.undelivered.map((entry) => entry.event))).toEqual(
			keysOf(events.slice(0, 10)),
		);
		expect(keysOf(standIn.accepted())).toEqual(['test:10', 'test:11', 'summary']);
	});

	it('refuses an entry larger than a whole request when it is added, and sends the others', async () => {
		const stream = createEventBridgePublisher({
			client: eventBridgeClientFor(standIn.url),
			eventBusName: 'tips-bus',
			maxRequestBytes: 1024,
		}).openStream();
		stream.add(testEvent(0, 'x'.repeat(2048)));
		stream.add(testEvent(1));
		const failure = (await stream.close().catch((error: unknown) => error)) as EventPublishError;

		expect(failure.undelivered.map((entry) => entry.errorCode)).toEqual(['EntryTooLarge']);
		expect(keysOf(standIn.accepted())).toEqual(['test:1']);
	});

	it('on abandon, waits for the requests in flight and sends nothing more', async () => {
		const { client, watch } = watchedClient();
		const stream = streamOn(client);
		for (let index = 0; index < 15; index++) stream.add(testEvent(index));
		await stream.abandon();

		expect(watch.inFlight).toBe(0);
		expect(standIn.requests().map((request) => request.entries.length)).toEqual([10]);
		expect(() => stream.add(testEvent(15))).toThrow(/closed/);
	});

	it('refuses events after close', async () => {
		const stream = streamOn();
		stream.add(testEvent(0));
		await stream.close();

		expect(() => stream.add(testEvent(1))).toThrow(/must be added before close/);
		await expect(stream.close()).rejects.toThrow(/already closed/);
	});
});

describe('planBatches', () => {
	it('never exceeds 10 items or the byte limit, and keeps order', () => {
		const sizes = [5, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9];
		const batches = planBatches(sizes, (size) => size, 10);
		expect(batches).toEqual([[5, 5], [5, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [9]]);
	});
});
