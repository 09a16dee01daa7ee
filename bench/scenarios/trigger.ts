/**
 * Scenario 6: what the trigger's own checks cost per delivery: signature verification over the raw
 * bytes (one secret, and two as when one trigger manages a Connect and a platform endpoint) and
 * de-duplication against the remembered event ids, beside stripe-node's `webhooks.constructEvent`.
 */
import Stripe from 'stripe';

import { rememberEventId, SEEN_EVENT_ID_LIMIT } from '../../nodes/StripeConnectTrigger/seenEvents';
import {
	DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
	verifyStripeSignature,
} from '../../nodes/StripeConnectTrigger/signature';
import { startSandbox } from '../../stripe-sandbox';
import { costsPerOperation } from '../lib/microbench';
import { compared, plain } from '../lib/report';
import type { Scenario } from '../lib/scenario';

const SECRET = 'whsec_bench0connect0endpoint0secret000000';
const OTHER_SECRET = 'whsec_bench0platform0endpoint0secret00000';

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
		});
		const { oneSecret, twoSecrets, forged, oursWithParse, sdk, newId, duplicateId } = costs;
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
			plain('Static data persisted when an id is added', persistedBytes / 1024, 'KB'),
			plain('Correctness checks passed', Object.values(checks).filter(Boolean).length, 'count', {
				target: {
					description: `all ${Object.keys(checks).length}: accepts genuine, refuses forged, agrees with the SDK, remembers new ids, detects duplicates`,
					holds: Object.values(checks).every(Boolean),
				},
			}),
		);
		outcome.notes.push(
			'Costs are the trigger’s own functions called directly; n8n’s webhook handling and the workflow execution it starts come on top and are not part of these figures.',
		);
	},
};
