/**
 * Scenario 4: the jobs' one EventBridge publisher sends 3,000 reconciliation events through the real
 * AWS SDK to the loopback PutEvents stand-in. Compared with the fewest requests EventBridge's limits
 * allow, and with publishing one event per request (what a per-item loop does).
 */
import { performance } from 'node:perf_hooks';

import { buildPayoutEvent } from '../../functions/reconcilePayouts/events';
import type { PayoutOutcome } from '../../functions/reconcilePayouts/outcomes';
import {
	createEventBridgePublisher,
	DEFAULT_MAX_REQUEST_BYTES,
	entrySize,
	MAX_ENTRIES_PER_REQUEST,
	toPutEventsEntry,
} from '../../functions/shared/eventPublisher';
import type { JobEvent } from '../../functions/shared/jobEvents';
import { eventBridgeClientFor } from '../../test/support/eventBridgeClient';
import { startEventBridgeStandIn } from '../../test/support/eventBridgeStandIn';
import { compared, plain } from '../lib/report';
import type { Scenario } from '../lib/scenario';

const EVENT_COUNT = 3_000;
const BUS = 'bench-bus';

/** Reconciled-payout events shaped like the job's (breakdown of three transaction types). */
function reconciliationEvents(count: number): JobEvent[] {
	return Array.from({ length: count }, (_, index) => {
		const outcome: PayoutOutcome = {
			kind: 'reconciled',
			account: `acct_bench${String(Math.floor(index / 3)).padStart(8, '0')}`,
			payout: `po_bench${String(index).padStart(12, '0')}`,
			amount: 96_000 + index,
			currency: 'usd',
			arrivalDate: 1_790_000_000 + index,
			transactionCount: 40,
			gross: 100_000 + index,
			fees: -4_000,
			net: 96_000 + index,
			breakdown: {
				charge: { count: 36, gross: 104_000 + index, fees: -3_900, net: 100_100 + index },
				refund: { count: 3, gross: -4_000, fees: -100, net: -4_100 },
				adjustment: { count: 1, gross: 0, fees: 0, net: 0 },
			},
		};
		const event = buildPayoutEvent(outcome);
		if (!event) throw new Error('a reconciled outcome must produce an event');
		return event;
	});
}

/**
 * The fewest PutEvents requests any batching could use: EventBridge takes at most 10 entries and
 * (safely everywhere) 256 KB of entries per request.
 */
function minimumRequests(events: JobEvent[]): { requests: number; totalBytes: number } {
	const totalBytes = events.reduce(
		(sum, event) => sum + entrySize(toPutEventsEntry(event, BUS)),
		0,
	);
	const requests = Math.max(
		Math.ceil(events.length / MAX_ENTRIES_PER_REQUEST),
		Math.ceil(totalBytes / DEFAULT_MAX_REQUEST_BYTES),
	);
	return { requests, totalBytes };
}

export const eventBridgeScenario: Scenario = {
	id: 'eventbridge',
	title: 'EventBridge publishing: 3,000 events to the loopback PutEvents stand-in',
	async run({ log, outcome }) {
		const events = reconciliationEvents(EVENT_COUNT);
		const { requests: minimum, totalBytes } = minimumRequests(events);
		outcome.setup = `${EVENT_COUNT.toLocaleString('en-US')} Payout Reconciled events (${Math.round(totalBytes / EVENT_COUNT)} B each), real @aws-sdk/client-eventbridge with SigV4 → loopback stand-in (no added latency)`;
		const standIn = await startEventBridgeStandIn();
		const client = eventBridgeClientFor(standIn.url);
		try {
			// Warm the SDK (credential provider, signer) so neither measurement pays its first-call cost.
			await createEventBridgePublisher({ client, eventBusName: BUS }).publish(events.slice(0, 1));
			const warmupRequests = standIn.requests().length;

			log(`publishing ${EVENT_COUNT} events in batches`);
			const publisher = createEventBridgePublisher({ client, eventBusName: BUS });
			const started = performance.now();
			const report = await publisher.publish(events);
			const batchedMs = performance.now() - started;
			const batchedRequests = standIn.requests().slice(warmupRequests);
			const acceptedKeys = standIn
				.accepted()
				.slice(1)
				.map((entry) => entry.detail.eventKey);
			const inOrder =
				acceptedKeys.length === events.length &&
				acceptedKeys.every((key, index) => key === events[index].detail.eventKey);

			log(`publishing ${EVENT_COUNT} events one per request (baseline)`);
			const oneByOneStarted = performance.now();
			for (const event of events) await publisher.publish([event]);
			const oneByOneMs = performance.now() - oneByOneStarted;

			outcome.figures.push(
				compared(
					'PutEvents requests',
					batchedRequests.length,
					'calls',
					{ name: 'minimum: ⌈events ÷ 10⌉, ⌈bytes ÷ 256 KB⌉', value: minimum },
					{ description: 'equals the minimum', maxRatio: 1 },
				),
				plain('Events accepted, in order', report.published, 'count', {
					target: {
						description: `all ${EVENT_COUNT.toLocaleString('en-US')} accepted once, in publish order`,
						holds: inOrder && report.published === EVENT_COUNT,
					},
				}),
				plain('Entries re-sent', report.retriedEntries, 'count'),
				{
					...compared('Publish time', batchedMs, 'ms', {
						name: 'one event per PutEvents request',
						value: oneByOneMs,
					}),
					ratio: oneByOneMs / batchedMs,
					ratioLabel: 'faster',
				},
				plain('Events per second (batched)', (EVENT_COUNT / batchedMs) * 1000, 'items/s'),
			);
			outcome.notes.push(
				'The stand-in answers at loopback speed, so the time is the publisher and SDK cost (serialising, signing, HTTP); against AWS each request adds its round trip, which makes batching matter more.',
			);
		} finally {
			client.destroy();
			await standIn.close();
		}
	},
};
