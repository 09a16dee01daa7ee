/**
 * Scenario 6: what the trigger's own checks cost per delivery: signature verification over the raw
 * bytes (one secret, and two as when one trigger manages a Connect and a platform endpoint) and
 * de-duplication against the remembered event ids (the list, and the in-process ledger every
 * delivery claims its event in), beside stripe-node's `webhooks.constructEvent`; then how many
 * executions overlapping deliveries start in one process, through the trigger harness's model of
 * n8n's per-request static data, for snapshot events on a webhook endpoint and for thin events on an
 * event destination (whose details are fetched before the start), and what those fetches add to the
 * answer Stripe waits for.
 */
import Stripe from 'stripe';

import { EventLedger } from '../../nodes/StripeConnectTrigger/eventLedger';
import { readDelivery, readStripeEvent } from '../../nodes/StripeConnectTrigger/eventPayload';
import {
	mergeSeenEventIds,
	rememberEventId,
	SEEN_EVENT_ID_LIMIT,
} from '../../nodes/StripeConnectTrigger/seenEvents';
import {
	DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
	verifyStripeSignature,
} from '../../nodes/StripeConnectTrigger/signature';
import { startSandbox } from '../../stripe-sandbox';
import { thinEventBody } from '../../test/nodes/StripeConnectTrigger/sandboxEvents';
import { costsPerOperation } from '../lib/microbench';
import { compared, plain } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import { answerTimes, overlappingDeliveries } from '../lib/triggerDeliveries';

const SECRET = 'whsec_bench0connect0endpoint0secret000000';
/** Overlapping deliveries: this many events, each delivered this many times, all at once. */
const OVERLAP_EVENTS = 200;
const OVERLAP_COPIES = 2;
const OTHER_SECRET = 'whsec_bench0platform0endpoint0secret00000';
/** Deliveries answered one at a time, for the answer time of each kind. */
const SEQUENTIAL_DELIVERIES = 60;

/** A payout.paid event from a connected account, as the sandbox builds and Stripe serialises it. */
async function realisticEventBody(): Promise<string> {
	const sandbox = await startSandbox();
	try {
		const account = sandbox.state.createConnectedAccount({}).id;
		const { id } = sandbox.state.createManualPayout({ account, amount: 12_345, currency: 'eur' });
		const payout = sandbox.state.getObject(id);
		if (!payout) throw new Error(`the sandbox lost payout ${id}`);
		const event = sandbox.state.emitEvent({ type: 'payout.paid', object: payout, account });
		// Stripe sends webhook bodies pretty-printed with two spaces.
		return JSON.stringify(event, null, 2);
	} finally {
		await sandbox.close();
	}
}

export const triggerScenario: Scenario = {
	id: 'trigger',
	title: 'Trigger: signature verification and de-duplication cost per delivery',
	async run({ log, outcome }) {
		const body = await realisticEventBody();
		const rawBody = Buffer.from(body, 'utf8');
		const stripe = new Stripe('sk_test_bench', { telemetry: false });
		const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
		const timestamp = Number(/t=(\d+)/.exec(header)?.[1]);
		const forgedHeader = stripe.webhooks.generateTestHeaderString({
			payload: body,
			secret: 'whsec_not_the_endpoint_secret',
			timestamp,
		});
		const verify = (secrets: string[], signature = header) =>
			verifyStripeSignature({
				rawBody,
				header: signature,
				secrets,
				toleranceSeconds: DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
				nowSeconds: timestamp,
			});
		const seen = Array.from(
			{ length: SEEN_EVENT_ID_LIMIT },
			(_, index) => `evt_bench${String(index).padStart(20, '0')}`,
		);
		const eventId = (JSON.parse(body) as { id: string }).id;
		const thinBody = Buffer.from(
			thinEventBody({
				id: 'evt_1BenchThin0000000000',
				account: 'acct_1BenchThin',
				payout: 'po_1A',
			}),
		);

		const ledger = new EventLedger();
		ledger.absorb(seen);
		let nextId = 0;
		const claimAndCommit = () => {
			nextId += 1;
			const claim = ledger.claim(`evt_benchNew${nextId}`);
			if (claim.outcome === 'claimed') claim.commit();
		};
		const storedCopy = () => [...ledger.eventIds];
		const changedElsewhere = () => [...ledger.eventIds.slice(1), `evt_benchOther${nextId}`];

		const checks = {
			acceptsGenuine: verify([SECRET]).valid && verify([OTHER_SECRET, SECRET]).valid,
			refusesForged: (() => {
				const verdict = verify([SECRET], forgedHeader);
				return !verdict.valid && verdict.failure === 'no-matching-signature';
			})(),
			sdkAgrees:
				stripe.webhooks.constructEvent(body, header, SECRET, 300, undefined, timestamp).id ===
				eventId,
			remembersNew: rememberEventId(seen, eventId)?.length === SEEN_EVENT_ID_LIMIT,
			detectsDuplicate: rememberEventId(seen, seen[SEEN_EVENT_ID_LIMIT - 1]) === undefined,
			ledgerDetectsDuplicate: ledger.claim(seen[SEEN_EVENT_ID_LIMIT - 1]).outcome === 'seen',
			mergeKeepsBoth:
				mergeSeenEventIds(['evt_a', 'evt_c'], ['evt_a', 'evt_b', 'evt_c']).join() ===
				'evt_a,evt_b,evt_c',
			readsEventId: 'event' in readStripeEvent(rawBody),
			readsThinEvent: 'notification' in readDelivery(thinBody),
		};
		outcome.setup = `a payout.paid event of a connected account (${rawBody.length.toLocaleString('en-US')} B pretty-printed as Stripe sends it), HMAC-SHA256 signed; ${SEEN_EVENT_ID_LIMIT.toLocaleString('en-US')} event ids remembered; median of 21 timed batches per operation, operations taking turns, after warm-up, in this process`;

		log('timing signature verification and de-duplication');
		const costs = costsPerOperation({
			oneSecret: () => verify([SECRET]),
			twoSecrets: () => verify([OTHER_SECRET, SECRET]),
			forged: () => verify([SECRET], forgedHeader),
			oursWithParse: () => {
				verify([SECRET]);
				return JSON.parse(body) as unknown;
			},
			sdk: () => stripe.webhooks.constructEvent(body, header, SECRET, 300, undefined, timestamp),
			newId: () => rememberEventId(seen, eventId),
			duplicateId: () => rememberEventId(seen, seen[SEEN_EVENT_ID_LIMIT - 1]),
			readEvent: () => readStripeEvent(rawBody),
			readThinEvent: () => readDelivery(thinBody),
			ledgerClaim: claimAndCommit,
			ledgerDuplicate: () => ledger.claim(ledger.eventIds[0]),
			absorbUnchanged: () => ledger.absorb(storedCopy()),
			absorbChanged: () => new EventLedger().absorb(changedElsewhere()),
		});
		const { oneSecret, twoSecrets, forged, oursWithParse, sdk, newId, duplicateId } = costs;
		const { readEvent, readThinEvent, ledgerClaim, ledgerDuplicate } = costs;
		const { absorbUnchanged, absorbChanged } = costs;
		const persistedBytes = Buffer.byteLength(
			JSON.stringify({ seenEventIds: rememberEventId(seen, eventId) }),
		);

		outcome.figures.push(
			plain('Verify signature, one secret', oneSecret.microseconds, 'µs'),
			plain('Verify signature, two endpoint secrets', twoSecrets.microseconds, 'µs', {
				note: 'the delivery matches the second secret, the worst case',
			}),
			plain('Refuse a forged signature', forged.microseconds, 'µs'),
			{
				...compared('Verify + parse the event', oursWithParse.microseconds, 'µs', {
					name: "stripe-node's webhooks.constructEvent",
					value: sdk.microseconds,
				}),
			},
			plain('Remember a new event id (1,000 held)', newId.microseconds, 'µs'),
			plain('Detect a duplicate (1,000 held)', duplicateId.microseconds, 'µs'),
			plain('Read and check the event (JSON, id, account)', readEvent.microseconds, 'µs'),
			plain(
				'Read and check a thin event (JSON, id, context, related object)',
				readThinEvent.microseconds,
				'µs',
			),
			plain('Ledger: claim and commit a new event (1,000 held)', ledgerClaim.microseconds, 'µs'),
			plain('Ledger: refuse a duplicate (1,000 held)', ledgerDuplicate.microseconds, 'µs'),
			plain(
				'Ledger: take in the stored list, unchanged (1,000 ids)',
				absorbUnchanged.microseconds,
				'µs',
				{
					note: 'includes copying the list, as n8n loads a fresh copy for each request',
				},
			),
			plain(
				'Ledger: take in a list another process changed (1,000 ids)',
				absorbChanged.microseconds,
				'µs',
				{
					note: 'a fresh ledger each time: the merge of two 1,000-id lists',
				},
			),
			plain('Static data persisted when an id is added', persistedBytes / 1024, 'KB'),
			plain('Correctness checks passed', Object.values(checks).filter(Boolean).length, 'count', {
				target: {
					description: `all ${Object.keys(checks).length}: accepts genuine, refuses forged, agrees with the SDK, remembers new ids, detects duplicates (list and ledger), merges two lists, reads the event and a thin event`,
					holds: Object.values(checks).every(Boolean),
				},
			}),
		);
		for (const kind of ['snapshot', 'thin'] as const) {
			const where = kind === 'snapshot' ? 'webhook endpoint' : 'thin event destination';
			log(`delivering ${OVERLAP_EVENTS} ${kind} events × ${OVERLAP_COPIES} at once (${where})`);
			const overlap = await overlappingDeliveries(kind, OVERLAP_EVENTS, OVERLAP_COPIES);
			outcome.figures.push(
				plain(
					`Overlapping deliveries: executions per event, one process (${kind}, ${where})`,
					overlap.executionsPerEvent,
					'count',
					{
						note: `${OVERLAP_EVENTS} events, each delivered ${OVERLAP_COPIES}×, all ${OVERLAP_EVENTS * OVERLAP_COPIES} loading static data before any runs the node (n8n's interleaving)`,
						target: { description: 'exactly 1.00', holds: overlap.executionsPerEvent === 1 },
					},
				),
				plain(
					`Overlapping deliveries: event ids missing from the saved list (${kind})`,
					overlap.idsMissing,
					'count',
					{ target: { description: '0', holds: overlap.idsMissing === 0 } },
				),
			);
			if (kind === 'thin') {
				outcome.figures.push(
					plain(
						'Overlapping thin deliveries: Stripe fetches per event',
						overlap.fetchesPerEvent,
						'count',
						{
							note: 'the full event and its related payout; a duplicate waits for the first delivery and fetches nothing',
							target: { description: 'exactly 2.00', holds: overlap.fetchesPerEvent === 2 },
						},
					),
				);
			}
		}
		log(
			`answering ${SEQUENTIAL_DELIVERIES} snapshot and ${SEQUENTIAL_DELIVERIES} thin deliveries one at a time`,
		);
		const answers = await answerTimes(SEQUENTIAL_DELIVERIES);
		outcome.figures.push(
			compared(
				'Answer to Stripe, thin event (full event and payout fetched), median',
				answers.thin,
				'ms',
				{ name: 'snapshot event on a webhook endpoint, nothing fetched', value: answers.snapshot },
			),
		);
		outcome.notes.push(
			'Costs are the trigger’s own functions called directly; n8n’s webhook handling and the workflow execution it starts come on top and are not part of these figures.',
			'Executions per event and ids missing are counts, not timings: they come from test/harness/runTrigger.ts (real n8n-core contexts, n8n 2.41.1’s per-request load and whole-object save of static data). Queue mode across processes is measured by the e2e suite in a real n8n.',
			'Answer times run from sending a delivery to the harness until it was answered and its (no-op) execution finished, one delivery after another: signature, ledger, the fetches from the sandbox on loopback with no added latency, the static data save. Against Stripe each fetch adds a real API round trip to the answer Stripe waits for.',
		);
	},
};
