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
	random?: () => number;
	sleep?: (ms: number) => Promise<void>;
	onEntryRetry?: (info: { round: number; entries: number; delayMs: number }) => void;
}

interface Pending {
	event: JobEvent;
	entry: PutEventsRequestEntry;
	size: number;
}

/**
 * THE EventBridge publisher of this repo. Batches within EventBridge's limits, re-sends only the
 * entries that failed with InternalFailure or ThrottlingException (with backoff and jitter), and
 * throws EventPublishError after publishing what it could if anything remains undelivered.
 * Whole-request throttling and 5xx are retried by the SDK itself.
 */
export function createEventBridgePublisher(options: EventBridgePublisherOptions): EventSink {
	const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
	const maxRetries = options.maxEntryRetries ?? 4;
	const baseDelayMs = options.baseDelayMs ?? 200;
	const random = options.random ?? Math.random;
	const sleep =
		options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));

	return {
		async publish(events) {
			const report: PublishReport = { published: 0, requests: 0, retriedEntries: 0 };
			const undelivered: UndeliveredEvent[] = [];
			let pending: Pending[] = [];
			for (const event of events) {
				const entry = toPutEventsEntry(event, options.eventBusName);
				const size = entrySize(entry);
				if (size > maxBytes) {
					undelivered.push({
						event,
						errorCode: 'EntryTooLarge',
						errorMessage: `The entry is ${size} bytes; EventBridge accepts at most ${maxBytes} per request.`,
					});
				} else {
					pending.push({ event, entry, size });
				}
			}
			for (let round = 0; pending.length > 0; round++) {
				if (round > 0) {
					const ceiling = baseDelayMs * 2 ** (round - 1);
					const delayMs = Math.round(ceiling / 2 + (random() * ceiling) / 2);
					report.retriedEntries += pending.length;
					options.onEntryRetry?.({ round, entries: pending.length, delayMs });
					await sleep(delayMs);
				}
				const retry: Pending[] = [];
				for (const batch of planBatches(pending, (item) => item.size, maxBytes)) {
					report.requests++;
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
							undelivered.push({ event: item.event, errorCode: code, errorMessage: message });
						}
						continue;
					}
					batch.forEach((item, index) => {
						const result = results[index];
						if (result?.EventId !== undefined && result.ErrorCode === undefined) {
							report.published++;
						} else if (
							result?.ErrorCode !== undefined &&
							RETRYABLE_ENTRY_ERRORS.has(result.ErrorCode) &&
							round < maxRetries
						) {
							retry.push(item);
						} else {
							undelivered.push({
								event: item.event,
								errorCode: result?.ErrorCode ?? 'MissingResult',
								errorMessage:
									result?.ErrorMessage ?? 'EventBridge returned no result for this entry.',
							});
						}
					});
				}
				pending = retry;
			}
			if (undelivered.length > 0) throw new EventPublishError(undelivered, report);
			return report;
		},
	};
}

/** A job's publisher on `eventBusName`; the SDK's default client honours AWS_ENDPOINT_URL_EVENTBRIDGE. */
export function createBusPublisher(eventBusName: string): EventSink {
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
