// The event contract between the jobs and whatever publishes their events. The pure cores build
// JobEvents and the runs hand them to an EventSink; neither needs to know about EventBridge, whose
// publisher (eventPublisher.ts) implements this contract and is the only module that loads the AWS SDK.

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

/** An event that could not be delivered, with the reason the bus (or the publisher) gave. */
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
