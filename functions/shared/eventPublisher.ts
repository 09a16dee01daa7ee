import {
	EventBridgeClient,
	PutEventsCommand,
	type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';

/** The detail every job event carries, so consumers can de-duplicate and route without parsing. */
export interface JobEventDetail {
	eventKey: string;
	account: string | null;
	payout: string | null;
	amount: number | null;
	currency: string | null;
	[field: string]: unknown;
}

/** One event a job publishes. */
export interface JobEvent {
	source: string;
	detailType: string;
	detail: JobEventDetail;
	resources?: string[];
}

/** An event that could not be delivered, with the reason EventBridge (or the publisher) gave. */
export interface UndeliveredEvent {
	event: JobEvent;
	errorCode: string;
	errorMessage: string;
}

/** What a publish did. */
export interface PublishReport {
	published: number;
	requests: number;
	retriedEntries: number;
}

/** Anything the jobs publish through: EventBridge, or a printer for dry runs and local runs. */
export interface EventSink {
	/** Publishes every event it can; throws EventPublishError afterwards if any was not delivered. */
	publish(events: JobEvent[]): Promise<PublishReport>;
}

/** Thrown after everything deliverable was published, naming what was not. */
export class EventPublishError extends Error {
	constructor(
		readonly undelivered: UndeliveredEvent[],
		readonly report: PublishReport,
	) {
		const codes = [...new Set(undelivered.map((entry) => entry.errorCode))].join(', ');
		super(
			`${undelivered.length} event(s) could not be published to EventBridge (${codes}); ${report.published} were published. ` +
				'Check the bus name, the events:PutEvents permission and the event size; the undelivered events are listed on this error.',
		);
		this.name = 'EventPublishError';
	}
}

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

/**
 * Events handed over while a job is still working. Full requests are sent in the background, at
 * most a few at once, in the order the events were added; close() sends the rest, re-sends
 * retryable failures, then sends `last` (the run's summary) only after every other event was
 * delivered or given up on, and throws EventPublishError if anything was not delivered.
 */
export interface EventStream {
	/** Queues one event; a full request is started without waiting for close(). */
	add(event: JobEvent): void;
	/** Publishes everything added, then `last`; resolves or throws like EventSink.publish. */
	close(last?: JobEvent[]): Promise<PublishReport>;
	/** For a run that failed: waits for the requests already sent and sends nothing more. */
	abandon(): Promise<void>;
}

/** A sink that can also publish events as they are produced. */
export interface StreamingEventSink extends EventSink {
	openStream(): EventStream;
}

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
	const baseDelayMs = options.baseDelayMs ?? 200;
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
				const ceiling = baseDelayMs * 2 ** (round - 1);
				const delayMs = Math.round(ceiling / 2 + (random() * ceiling) / 2);
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
		const queued: Pending[][] = [];
		const inFlight = new Set<Promise<void>>();
		let current: Pending[] = [];
		let currentBytes = 0;
		let state: 'open' | 'closing' | 'ended' = 'open';

		const pump = () => {
			while (inFlight.size < maxInFlight && queued.length > 0) {
				const batch = queued.shift() as Pending[];
				// sendBatch records every failure itself, so this promise never rejects.
				const request = sendBatch(batch, 0, retry, delivery).finally(() => {
					inFlight.delete(request);
					if (state !== 'ended') pump();
				});
				inFlight.add(request);
			}
		};
		const cut = () => {
			if (current.length === 0) return;
			queued.push(current);
			current = [];
			currentBytes = 0;
			pump();
		};
		const settle = async () => {
			while (inFlight.size > 0) await Promise.all([...inFlight]);
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
				await settle();
				state = 'ended';
				await deliverInRounds(retry.splice(0), 1, delivery);
				await publish(last, delivery);
				return finish(delivery);
			},
			async abandon() {
				state = 'ended';
				queued.length = 0;
				current = [];
				await settle();
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

/**
 * Opens a stream on any sink. A sink without streaming of its own (a collector, a printer) gets
 * every event in one publish() call at close(), the summary last.
 */
export function openEventStream(sink: EventSink): EventStream {
	if ('openStream' in sink && typeof sink.openStream === 'function') {
		return (sink as StreamingEventSink).openStream();
	}
	const events: JobEvent[] = [];
	let open = true;
	return {
		add(event) {
			if (!open)
				throw new Error('This event stream is closed: events must be added before close().');
			events.push(event);
		},
		async close(last = []) {
			if (!open) throw new Error('This event stream was already closed.');
			open = false;
			return sink.publish([...events, ...last]);
		},
		async abandon() {
			open = false;
		},
	};
}

/** A job's publisher on `eventBusName`; the SDK's default client honours AWS_ENDPOINT_URL_EVENTBRIDGE. */
export function createBusPublisher(eventBusName: string): StreamingEventSink {
	return createEventBridgePublisher({ client: new EventBridgeClient({}), eventBusName });
}

/** A sink that keeps events instead of publishing them (dry runs, local runs without a bus). */
export function createCollectingSink(): EventSink & { events: JobEvent[] } {
	const events: JobEvent[] = [];
	return {
		events,
		async publish(batch) {
			events.push(...batch);
			return { published: batch.length, requests: 0, retriedEntries: 0 };
		},
	};
}
