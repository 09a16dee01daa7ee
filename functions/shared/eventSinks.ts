// Sinks without EventBridge: the collector of dry runs and local runs, and an event stream over any
// sink. Nothing here loads the AWS SDK.
import type { EventSink, EventStream, JobEvent, StreamingEventSink } from './jobEvents';

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
