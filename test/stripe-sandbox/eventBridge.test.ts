import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	putEventsEntryFor,
	stripeEventBridgeEvent,
	type StripeSandbox,
} from '../../stripe-sandbox';
import { startEventBridgeStandIn, type EventBridgeStandIn } from '../support/eventBridgeStandIn';
import { startSandboxWithSdk } from './helpers';

describe('EventBridge-shaped Stripe events', () => {
	it('wraps an event as EventBridge delivers it: source, detail-type and detail the SDK unwraps', async () => {
		const { stripe, sandbox } = await startSandboxWithSdk();
		try {
			const thin = {
				id: 'evt_1',
				object: 'v2.core.event',
				type: 'v1.payout.failed',
				created: '2026-11-02T10:00:00.000Z',
				context: 'acct_1',
				livemode: false,
				related_object: { id: 'po_1', type: 'payout', url: '/v1/payouts/po_1' },
			};
			const event = stripeEventBridgeEvent({
				detail: thin,
				destinationId: 'ed_1',
				awsAccountId: '123456789012',
				awsRegion: 'eu-central-1',
				id: '17e8dff5-d6cd-3770-ace9-aeac02b6ac3f',
				time: new Date('2026-11-02T10:00:01.250Z'),
			});
			expect(event).toEqual({
				version: '0',
				id: '17e8dff5-d6cd-3770-ace9-aeac02b6ac3f',
				'detail-type': 'v1.payout.failed',
				source: 'aws.partner/stripe.com/ed_1',
				account: '123456789012',
				time: '2026-11-02T10:00:01Z',
				region: 'eu-central-1',
				resources: [],
				detail: thin,
			});
			const notification = stripe.parseEventNotificationWithoutVerification(JSON.stringify(event));
			expect(notification).toMatchObject({ id: 'evt_1', type: 'v1.payout.failed' });
			expect(putEventsEntryFor(event)).toEqual({
				Source: 'aws.partner/stripe.com/ed_1',
				DetailType: 'v1.payout.failed',
				Detail: JSON.stringify(thin),
				EventBusName: 'aws.partner/stripe.com/ed_1',
				Resources: [],
				Time: Date.parse('2026-11-02T10:00:01Z') / 1000,
			});
		} finally {
			await sandbox.close();
		}
	});
});

describe('delivery to EventBridge destinations', () => {
	let eventBridge: EventBridgeStandIn;
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	beforeEach(async () => {
		eventBridge = await startEventBridgeStandIn();
		({ sandbox, stripe } = await startSandboxWithSdk({
			now: 1_750_000_000,
			eventBridgeEndpoint: eventBridge.url,
		}));
		seller = sandbox.state.createConnectedAccount();
	});
	afterEach(async () => {
		await sandbox.close();
		await eventBridge.close();
	});

	const failPayout = async () => {
		sandbox.state.createAutomaticPayout({
			account: seller.id,
			currency: 'eur',
			amount: 900,
			status: 'in_transit',
			willFail: true,
			arrival_date: 1_750_000_000 + 60,
		});
		await sandbox.advanceTime(60);
	};

	it('puts snapshot events on the partner event bus with PutEvents once the source is associated', async () => {
		const destination = await stripe.v2.core.eventDestinations.create({
			name: 'payout alerts',
			type: 'amazon_eventbridge',
			event_payload: 'snapshot',
			enabled_events: ['payout.failed'],
			events_from: ['@accounts'],
			amazon_eventbridge: { aws_account_id: '123456789012', aws_region: 'eu-central-1' },
		});
		await failPayout();
		expect(eventBridge.accepted()).toEqual([]);
		expect(sandbox.deliveries()).toEqual([
			expect.objectContaining({
				endpointId: destination.id,
				transport: 'amazon_eventbridge',
				status: null,
				error: expect.stringContaining('pending'),
			}),
		]);
		sandbox.state.activateEventBridgeSource(destination.id);
		await failPayout();
		const [entry] = eventBridge.accepted();
		expect(entry).toMatchObject({
			Source: `aws.partner/stripe.com/${destination.id}`,
			DetailType: 'payout.failed',
			EventBusName: `aws.partner/stripe.com/${destination.id}`,
			detail: { object: 'event', type: 'payout.failed', account: seller.id, context: seller.id },
		});
		const [request] = eventBridge.requests();
		expect(request.headers['x-amz-target']).toBe('AWSEvents.PutEvents');
		expect(request.headers.authorization).toMatch(/\/eu-central-1\/events\/aws4_request/);
		expect(sandbox.deliveries().at(-1)).toMatchObject({
			status: 200,
			transport: 'amazon_eventbridge',
		});
	});

	it('records a PutEvents entry the bus refused as a failed delivery', async () => {
		const destination = await stripe.v2.core.eventDestinations.create({
			name: 'thin alerts',
			type: 'amazon_eventbridge',
			event_payload: 'thin',
			enabled_events: ['v1.payout.failed'],
			events_from: ['@accounts'],
			amazon_eventbridge: { aws_account_id: '123456789012', aws_region: 'us-east-1' },
		});
		sandbox.state.activateEventBridgeSource(destination.id);
		eventBridge.failEntries({ errorCode: 'InternalFailure', times: 1 });
		await failPayout();
		expect(sandbox.deliveries().at(-1)).toMatchObject({
			status: 200,
			error: 'PutEvents entry failed: InternalFailure',
			payload: 'thin',
		});
		const [thin] = (await stripe.v2.core.events.list({}, { stripeContext: seller.id })).data;
		await sandbox.redeliver(thin.id);
		expect(eventBridge.accepted()).toEqual([
			expect.objectContaining({
				DetailType: 'v1.payout.failed',
				detail: expect.objectContaining({ id: thin.id, context: seller.id }),
			}),
		]);
	});
});
