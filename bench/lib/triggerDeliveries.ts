/**
 * Deliveries to one active Stripe Connect Trigger in the trigger harness (test/harness/runTrigger.ts:
 * real n8n-core contexts, n8n's per-request static data) on a fresh sandbox: overlapping, as Stripe's
 * retries and parallel deliveries arrive, or one at a time for the answer Stripe waits for.
 */
import Stripe from 'stripe';

import { startSandbox } from '../../stripe-sandbox';
import type { StripeSandbox } from '../../stripe-sandbox';
import { sandboxCredentials, startTriggerHarness } from '../../test/harness/runTrigger';
import type { TriggerHarness } from '../../test/harness/runTrigger';
import {
	recordThinEvents,
	thinEventBody,
} from '../../test/nodes/StripeConnectTrigger/sandboxEvents';
import { median } from './statistics';

/** Snapshot events on a webhook endpoint, or thin events on an event destination. */
export type DeliveryKind = 'snapshot' | 'thin';

interface BenchTrigger {
	harness: TriggerHarness;
	sign: (body: string) => Record<string, string>;
}

/** A trigger harness on `sandbox`, activated for `kind`, and a signer with its secret. */
async function benchTrigger(sandbox: StripeSandbox, kind: DeliveryKind): Promise<BenchTrigger> {
	const harness = await startTriggerHarness({
		parameters:
			kind === 'snapshot'
				? { source: 'connect', events: ['*'] }
				: {
						delivery: 'eventDestination',
						eventPayload: 'thin',
						source: 'connect',
						events: ['*'],
						options: { fetchRelatedObject: true },
					},
		credentials: sandboxCredentials(sandbox),
	});
	await harness.activate();
	const staticData = harness.nodeStaticData as {
		endpoints: Record<string, { secret: string }>;
		destination?: { secret: string };
	};
	const secret = staticData.destination?.secret ?? staticData.endpoints.connect.secret;
	const signer = new Stripe('sk_test_bench', { telemetry: false });
	return {
		harness,
		sign: (body) => ({
			'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: body, secret }),
		}),
	};
}

/** Bodies of `count` events: snapshot payout.paid events, or thin events the sandbox holds. */
async function eventBodies(
	sandbox: StripeSandbox,
	kind: DeliveryKind,
	count: number,
	label: string,
): Promise<string[]> {
	if (kind === 'thin')
		return (await recordThinEvents(sandbox, count)).map((event) => thinEventBody(event));
	return Array.from({ length: count }, (_, index) =>
		JSON.stringify({
			id: `evt_1Bench${label}${String(index).padStart(5, '0')}`,
			object: 'event',
			type: 'payout.paid',
			account: 'acct_1BenchOverlap',
			data: { object: { id: `po_1Bench${label}${index}`, object: 'payout' } },
		}),
	);
}

/** Runs `use` on a fresh sandbox holding `count` events and an active trigger; closes both after. */
async function withBenchTrigger<T>(
	kind: DeliveryKind,
	count: number,
	label: string,
	use: (trigger: BenchTrigger, bodies: string[], sandbox: StripeSandbox) => Promise<T>,
): Promise<T> {
	const sandbox = await startSandbox();
	let harness: TriggerHarness | undefined;
	try {
		const bodies = await eventBodies(sandbox, kind, count, label);
		const trigger = await benchTrigger(sandbox, kind);
		harness = trigger.harness;
		return await use(trigger, bodies, sandbox);
	} finally {
		await harness?.close();
		await sandbox.close();
	}
}

/**
 * Delivers `events` signed events `copies` times each, all overlapping, to one active trigger (one
 * n8n process) and counts the executions per event, the ids the saved list lacks and (thin) the
 * fetches per event.
 */
export async function overlappingDeliveries(
	kind: DeliveryKind,
	events: number,
	copies: number,
): Promise<{ executionsPerEvent: number; idsMissing: number; fetchesPerEvent: number }> {
	return withBenchTrigger(kind, events, 'Overlap', async ({ harness, sign }, bodies, sandbox) => {
		sandbox.clearRequests();
		const deliveries = bodies.flatMap((body) => Array<string>(copies).fill(body));
		harness.store.overlapNext(deliveries.length);
		await Promise.all(deliveries.map((body) => harness.send(body, sign(body))));
		const saved = new Set((harness.nodeStaticData.seenEventIds as string[] | undefined) ?? []);
		const ids = bodies.map((body) => (JSON.parse(body) as { id: string }).id);
		return {
			executionsPerEvent: harness.executions.length / events,
			idsMissing: ids.filter((id) => !saved.has(id)).length,
			fetchesPerEvent: sandbox.requests({ method: 'GET' }).length / events,
		};
	});
}

/** Median answer time, in ms, of `count` deliveries of each kind sent one after another. */
export async function answerTimes(count: number): Promise<Record<DeliveryKind, number>> {
	const result = { snapshot: 0, thin: 0 };
	for (const kind of ['snapshot', 'thin'] as const) {
		result[kind] = await withBenchTrigger(
			kind,
			count,
			'Answer',
			async ({ harness, sign }, bodies) => {
				const times: number[] = [];
				for (const body of bodies) {
					const started = performance.now();
					await harness.send(body, sign(body));
					times.push(performance.now() - started);
				}
				return median(times);
			},
		);
	}
	return result;
}
