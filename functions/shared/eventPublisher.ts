import {
	EventBridgeClient,
	PutEventsCommand,
	type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';

import { backoffDelayMs, RETRY_MAX_DELAY_MS } from '../../nodes/shared/transport/retryPolicy';
import {
	EventPublishError,
	type EventStream,
	type JobEvent,
	type PublishReport,
	type StreamingEventSink,
	type UndeliveredEvent,
} from './jobEvents';
import { WorkerPool } from './workerPool';

/** EventBridge's limit on entries per PutEvents request. */
export const MAX_ENTRIES_PER_REQUEST = 10;
/** A request size every EventBridge region and API model accepts. */
export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
/** Entry error codes EventBridge documents as transient. */
export const RETRYABLE_ENTRY_ERRORS: ReadonlySet<string> = new Set([
	'InternalFailure',
	'ThrottlingException',
]);

/** The size EventBridge charges an entry against the request limit (its documented formula). */
export function entrySize(entry: PutEventsRequestEntry): number {
	const bytes = (text: string | undefined) =>
		text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
	let size = entry.Time === undefined ? 0 : 14;
	size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
	for (const resource of entry.Resources ?? []) size += bytes(resource);
	return size;
}

/** Turns a job event into a PutEvents entry for a bus. */
export function toPutEventsEntry(event: JobEvent, eventBusName: string): PutEventsRequestEntry {
	return {
		EventBusName: eventBusName,
		Source: event.source,
		DetailType: event.detailType,
		Detail: JSON.stringify(event.detail),
		...(event.resources && event.resources.length > 0 ? { Resources: event.resources } : {}),
	};
}

/** Splits entries into requests of at most 10 entries and at most maxBytes each, keeping order. */
export function planBatches<T>(items: T[], sizeOf: (item: T) => number, maxBytes: number): T[][] {
	const batches: T[][] = [];
	let current: T[] = [];
	let currentBytes = 0;
	for (const item of items) {
		const size = sizeOf(item);
		if (
			current.length > 0 &&
			(current.length >= MAX_ENTRIES_PER_REQUEST || currentBytes + size > maxBytes)
		) {
			batches.push(current);
			current = [];
			currentBytes = 0;
		}
		current.push(item);
		currentBytes += size;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

/** Options of the EventBridge publisher. */
export interface EventBridgePublisherOptions {
	client: EventBridgeClient;
	eventBusName: string;
	/** Rounds of re-sending entries that failed with a retryable code, after the first. */
	maxEntryRetries?: number;
	baseDelayMs?: number;
	maxRequestBytes?: number;
	/** PutEvents requests an event stream keeps in flight at once (publish() sends one at a time). */
	maxRequestsInFlight?: number;
	random?: () => number;
	sleep?: (ms: number) => Promise<void>;
	onEntryRetry?: (info: { round: number; entries: number; delayMs: number }) => void;
}

/** Requests an event stream keeps in flight: enough to hide the round trip, few enough to stay polite. */
export const DEFAULT_REQUESTS_IN_FLIGHT = 4;

interface Pending {
	event: JobEvent;
	entry: PutEventsRequestEntry;
	size: number;
}

/** Undelivered events and counters of one publish or stream, shared by its requests. */
interface Delivery {
	report: PublishReport;
	undelivered: UndeliveredEvent[];
}

/**
 * THE EventBridge publisher of this repo. Batches within EventBridge's limits, re-sends only the
 * entries that failed with InternalFailure or ThrottlingException (with backoff and jitter), and
 * throws EventPublishError after publishing what it could if anything remains undelivered.
 * Whole-request throttling and 5xx are retried by the SDK itself. publish() sends its requests one
 * after another; openStream() overlaps requests with the job's work (see EventStream).
 */
export function createEventBridgePublisher(
	options: EventBridgePublisherOptions,
): StreamingEventSink {
	const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
	const maxRetries = options.maxEntryRetries ?? 4;
	// The repository's one backoff, on shorter steps: EventBridge recovers from an entry's throttling
	// within milliseconds, where Stripe's rate limiter counts seconds.
	const backoff = { baseMs: options.baseDelayMs ?? 200, maxMs: RETRY_MAX_DELAY_MS };
	const maxInFlight = Math.max(1, options.maxRequestsInFlight ?? DEFAULT_REQUESTS_IN_FLIGHT);
	const random = options.random ?? Math.random;
	const sleep =
		options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));

	/** Prepares an event's entry; one larger than a whole request is undeliverable. */
	function prepare(event: JobEvent, delivery: Delivery): Pending | undefined {
		const entry = toPutEventsEntry(event, options.eventBusName);
		const size = entrySize(entry);
		if (size <= maxBytes) return { event, entry, size };
		delivery.undelivered.push({
			event,
			errorCode: 'EntryTooLarge',
			errorMessage: `The entry is ${size} bytes; EventBridge accepts at most ${maxBytes} per request.`,
		});
		return undefined;
	}

	/** Sends one request; entries that may be re-sent go to `retry`, the rest are counted or recorded. */
	async function sendBatch(
		batch: Pending[],
		round: number,
		retry: Pending[],
		delivery: Delivery,
	): Promise<void> {
		delivery.report.requests++;
		let results;
		try {
			const output = await options.client.send(
				new PutEventsCommand({ Entries: batch.map((item) => item.entry) }),
			);
			results = output.Entries ?? [];
		} catch (error) {
			const code = error instanceof Error ? error.name : 'UnknownError';
			const message = error instanceof Error ? error.message : String(error);
			for (const item of batch) {
				delivery.undelivered.push({ event: item.event, errorCode: code, errorMessage: message });
			}
			return;
		}
		batch.forEach((item, index) => {
			const result = results[index];
			if (result?.EventId !== undefined && result.ErrorCode === undefined) {
				delivery.report.published++;
			} else if (
				result?.ErrorCode !== undefined &&
				RETRYABLE_ENTRY_ERRORS.has(result.ErrorCode) &&
				round < maxRetries
			) {
				retry.push(item);
			} else {
				delivery.undelivered.push({
					event: item.event,
					errorCode: result?.ErrorCode ?? 'MissingResult',
					errorMessage: result?.ErrorMessage ?? 'EventBridge returned no result for this entry.',
				});
			}
		});
	}

	/** Sends entries one request at a time from `firstRound` on, re-sending retryable failures with backoff. */
	async function deliverInRounds(
		pending: Pending[],
		firstRound: number,
		delivery: Delivery,
	): Promise<void> {
		for (let round = firstRound; pending.length > 0; round++) {
			if (round > 0) {
				const delayMs = backoffDelayMs(round - 1, random, backoff);
				delivery.report.retriedEntries += pending.length;
				options.onEntryRetry?.({ round, entries: pending.length, delayMs });
				await sleep(delayMs);
			}
			const retry: Pending[] = [];
			for (const batch of planBatches(pending, (item) => item.size, maxBytes)) {
				await sendBatch(batch, round, retry, delivery);
			}
			pending = retry;
		}
	}

	function finish(delivery: Delivery): PublishReport {
		if (delivery.undelivered.length > 0) {
			throw new EventPublishError(delivery.undelivered, delivery.report);
		}
		return delivery.report;
	}

	async function publish(events: JobEvent[], delivery: Delivery = newDelivery()) {
		const pending: Pending[] = [];
		for (const event of events) {
			const prepared = prepare(event, delivery);
			if (prepared) pending.push(prepared);
		}
		await deliverInRounds(pending, 0, delivery);
		return delivery;
	}

	function openStream(): EventStream {
		const delivery = newDelivery();
		const retry: Pending[] = [];
		// sendBatch records every failure itself, so no request fails the pool.
		const requests = new WorkerPool<Pending[]>(maxInFlight, (batch) =>
			sendBatch(batch, 0, retry, delivery),
		);
		let current: Pending[] = [];
		let currentBytes = 0;
		let state: 'open' | 'closing' | 'ended' = 'open';

		const cut = () => {
			if (current.length === 0) return;
			requests.add(current);
			current = [];
			currentBytes = 0;
		};

		return {
			add(event) {
				if (state !== 'open') {
					throw new Error('This event stream is closed: events must be added before close().');
				}
				const prepared = prepare(event, delivery);
				if (!prepared) return;
				if (currentBytes + prepared.size > maxBytes) cut();
				current.push(prepared);
				currentBytes += prepared.size;
				if (current.length >= MAX_ENTRIES_PER_REQUEST) cut();
			},
			async close(last = []) {
				if (state !== 'open') throw new Error('This event stream was already closed.');
				state = 'closing';
				cut();
				await requests.close();
				state = 'ended';
				await deliverInRounds(retry.splice(0), 1, delivery);
				await publish(last, delivery);
				return finish(delivery);
			},
			async abandon() {
				state = 'ended';
				current = [];
				await requests.abandon();
			},
		};
	}

	return {
		async publish(events) {
			return finish(await publish(events));
		},
		openStream,
	};
}

function newDelivery(): Delivery {
	return { report: { published: 0, requests: 0, retriedEntries: 0 }, undelivered: [] };
}

/** A job's publisher on `eventBusName`; the SDK's default client honours AWS_ENDPOINT_URL_EVENTBRIDGE. */
export function createBusPublisher(eventBusName: string): StreamingEventSink {
	return createEventBridgePublisher({ client: new EventBridgeClient({}), eventBusName });
}
