import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signWebhookPayload, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, startSandboxWithSdk, startWebhookReceiver } from './helpers';

describe('webhook delivery', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
		receiver = await startWebhookReceiver();
	});
	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	it('signs deliveries so the stripe SDK constructEvent accepts them', async () => {
		const endpoint = await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: ['transfer.created'],
		});
		const account = sandbox.state.createConnectedAccount();
		sandbox.state.fundBalance({ currency: 'usd', amount: 1_000 });
		const transfer = await stripe.transfers.create({
			amount: 400,
			currency: 'usd',
			destination: account.id,
		});
		await sandbox.flushDeliveries();
		expect(receiver.received).toHaveLength(1);
		const [delivery] = receiver.received;
		expect(delivery.headers['content-type']).toBe('application/json; charset=utf-8');
		const event = stripe.webhooks.constructEvent(
			delivery.rawBody,
			String(delivery.headers['stripe-signature']),
			endpoint.secret as string,
		);
		expect(event.type).toBe('transfer.created');
		expect((event.data.object as Stripe.Transfer).id).toBe(transfer.id);
		expect(event.created).toBe(1_750_000_000);
		expect(event.account).toBeUndefined();
		expect(() =>
			stripe.webhooks.constructEvent(
				delivery.rawBody,
				String(delivery.headers['stripe-signature']),
				'whsec_wrong',
			),
		).toThrow();
		const [recorded] = sandbox.deliveries();
		expect(recorded).toMatchObject({
			endpointId: endpoint.id,
			eventId: event.id,
			type: 'transfer.created',
			status: 200,
			attempt: 1,
			rawBody: delivery.rawBody,
		});
	});

	it('signs exactly as the stripe SDK’s test header generator does', () => {
		const payload = JSON.stringify({ id: 'evt_1', object: 'event' }, null, 2);
		const expected = stripe.webhooks.generateTestHeaderString({
			payload,
			secret: 'whsec_test',
			timestamp: 1_700_000_000,
		});
		expect(signWebhookPayload('whsec_test', payload, 1_700_000_000)).toBe(expected);
	});

	it('signs with the wall clock while created uses the sandbox clock', async () => {
		await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
		sandbox.state.emitEvent({
			type: 'balance.available',
			object: { id: 'bal', object: 'balance' },
		});
		await sandbox.flushDeliveries();
		const timestamp = Number(
			/t=(\d+)/.exec(String(receiver.received[0].headers['stripe-signature']))?.[1],
		);
		expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
		expect(JSON.parse(receiver.received[0].rawBody).created).toBe(1_750_000_000);
	});

	it('sends connected-account events to connect endpoints and platform events to platform endpoints', async () => {
		const connectReceiver = await startWebhookReceiver();
		try {
			await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
			await stripe.webhookEndpoints.create({
				url: connectReceiver.url,
				enabled_events: ['payout.created', 'account.updated'],
				connect: true,
			});
			const account = sandbox.state.createConnectedAccount();
			sandbox.state.fundBalance({ account: account.id, currency: 'usd', amount: 500 });
			await stripe.payouts.create({ amount: 200, currency: 'usd' }, { stripeAccount: account.id });
			await stripe.payouts
				.create({ amount: 1, currency: 'usd' }, { stripeAccount: account.id })
				.catch(() => undefined);
			sandbox.state.fundBalance({ currency: 'usd', amount: 500 });
			await stripe.payouts.create({ amount: 100, currency: 'usd' });
			await sandbox.flushDeliveries();
			const connectEvents = connectReceiver.received.map((delivery) =>
				JSON.parse(delivery.rawBody),
			);
			expect(connectEvents.map((event) => [event.type, event.account])).toEqual([
				['payout.created', account.id],
				['payout.created', account.id],
			]);
			const platformEvents = receiver.received.map((delivery) => JSON.parse(delivery.rawBody));
			expect(platformEvents.map((event) => [event.type, event.account])).toEqual([
				['payout.created', undefined],
			]);
		} finally {
			await connectReceiver.close();
		}
	});

	it('only delivers the enabled event types and skips disabled endpoints', async () => {
		const endpoint = await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: ['payout.paid'],
		});
		sandbox.state.emitEvent({ type: 'payout.created', object: { id: 'po_1', object: 'payout' } });
		await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
		sandbox.state.emitEvent({ type: 'payout.paid', object: { id: 'po_1', object: 'payout' } });
		await sandbox.flushDeliveries();
		expect(receiver.received).toHaveLength(0);
	});

	it('records what the receiver answered and can redeliver', async () => {
		receiver.setAnswer(500);
		await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
		const event = sandbox.state.emitEvent({
			type: 'payout.paid',
			object: { id: 'po_1', object: 'payout' },
		});
		await sandbox.flushDeliveries();
		expect(sandbox.deliveries().map((delivery) => delivery.status)).toEqual([500]);
		const failedOnly = await stripe.events.list({ delivery_success: false });
		expect(failedOnly.data.map((item) => item.id)).toEqual([event.id]);
		expect((await stripe.events.retrieve(event.id)).pending_webhooks).toBe(1);
		receiver.setAnswer(200);
		await sandbox.redeliver(event.id);
		expect(sandbox.deliveries().map((delivery) => [delivery.status, delivery.attempt])).toEqual([
			[500, 1],
			[200, 2],
		]);
		expect((await stripe.events.retrieve(event.id)).pending_webhooks).toBe(0);
	});

	it('records an unreachable receiver with a null status', async () => {
		await stripe.webhookEndpoints.create({
			url: 'http://127.0.0.1:1/unreachable',
			enabled_events: ['*'],
		});
		sandbox.state.emitEvent({ type: 'payout.paid', object: { id: 'po_1', object: 'payout' } });
		await sandbox.flushDeliveries();
		expect(sandbox.deliveries()[0]).toMatchObject({ status: null });
		expect(sandbox.deliveries()[0].error).toBeTruthy();
	});
});

describe('delivery to event destinations', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
	let seller: Stripe.Account;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
		receiver = await startWebhookReceiver();
		seller = sandbox.state.createConnectedAccount();
	});
	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	const failPayout = async () => {
		const payout = sandbox.state.createAutomaticPayout({
			account: seller.id,
			currency: 'usd',
			amount: 2_500,
			status: 'in_transit',
			willFail: true,
			failure_code: 'account_closed',
			arrival_date: 1_750_000_000 + 86_400,
		});
		await sandbox.advanceTime(86_400);
		return payout;
	};

	it('sends a thin v1.payout.failed of a connected account that the SDK verifies, fetches and follows', async () => {
		const destination = await stripe.v2.core.eventDestinations.create({
			name: 'failed payouts',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			enabled_events: ['v1.payout.failed'],
			events_from: ['@accounts'],
			webhook_endpoint: { url: receiver.url },
			include: ['webhook_endpoint.signing_secret'],
		});
		const payout = await failPayout();
		expect(receiver.received).toHaveLength(1);
		const [delivery] = receiver.received;
		expect(JSON.parse(delivery.rawBody)).toEqual({
			id: expect.stringMatching(/^evt_/),
			object: 'v2.core.event',
			type: 'v1.payout.failed',
			created: '2025-06-16T15:06:40.000Z',
			context: seller.id,
			livemode: false,
			related_object: { id: payout.id, type: 'payout', url: `/v1/payouts/${payout.id}` },
		});
		const notification = stripe.parseEventNotification(
			delivery.rawBody,
			String(delivery.headers['stripe-signature']),
			destination.webhook_endpoint?.signing_secret as string,
		) as Stripe.V2.Core.Events.V1PayoutFailedEventNotification;
		expect(notification.context?.toString()).toBe(seller.id);
		expect(() =>
			stripe.parseEventNotification(
				delivery.rawBody,
				String(delivery.headers['stripe-signature']),
				'whsec_wrong',
			),
		).toThrow();
		const event = await notification.fetchEvent();
		const [snapshot] = (
			await stripe.events.list({ type: 'payout.failed' }, { stripeAccount: seller.id })
		).data;
		expect(event).toMatchObject({ id: notification.id, snapshot_event: snapshot.id, reason: null });
		const related = await notification.fetchRelatedObject();
		expect(related).toMatchObject({
			id: payout.id,
			status: 'failed',
			failure_code: 'account_closed',
		});
		const fetches = sandbox.requests({
			method: 'GET',
			path: /^\/v2\/core\/events\/|^\/v1\/payouts\//,
		});
		expect(fetches.map((request) => request.stripeContext)).toEqual([seller.id, seller.id]);
		expect((await callSandbox(sandbox, 'GET', `/v2/core/events/${notification.id}`)).status).toBe(
			404,
		);
	});

	it('keeps platform-only destinations and other event types out', async () => {
		await stripe.v2.core.eventDestinations.create({
			name: 'platform only',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			enabled_events: ['v1.payout.failed'],
			webhook_endpoint: { url: receiver.url },
		});
		await failPayout();
		expect(receiver.received).toEqual([]);
		expect((await stripe.v2.core.events.list({}, { stripeContext: seller.id })).data).toEqual([]);
	});

	it('sends snapshot events to snapshot destinations, with context and the destination API version', async () => {
		const destination = await stripe.v2.core.eventDestinations.create({
			name: 'snapshots',
			type: 'webhook_endpoint',
			event_payload: 'snapshot',
			snapshot_api_version: '2025-12-15.clover',
			enabled_events: ['payout.failed'],
			events_from: ['@self', '@accounts'],
			webhook_endpoint: { url: receiver.url },
			include: ['webhook_endpoint.signing_secret'],
		});
		const payout = await failPayout();
		expect(receiver.received).toHaveLength(1);
		const event = stripe.webhooks.constructEvent(
			receiver.received[0].rawBody,
			String(receiver.received[0].headers['stripe-signature']),
			destination.webhook_endpoint?.signing_secret as string,
		);
		expect(event).toMatchObject({
			type: 'payout.failed',
			account: seller.id,
			context: seller.id,
			api_version: '2025-12-15.clover',
			data: { object: { id: payout.id, status: 'failed' } },
		});
		expect(sandbox.deliveries().at(-1)).toMatchObject({
			transport: 'event_destination',
			payload: 'snapshot',
		});
	});

	it("sends the platform's v2 account events to @self thin destinations", async () => {
		await stripe.v2.core.eventDestinations.create({
			name: 'accounts',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			enabled_events: ['v2.core.account[requirements].updated', 'v2.core.account.created'],
			webhook_endpoint: { url: receiver.url },
		});
		const account = sandbox.state.createV2Account({
			contact_email: 'a@b.test',
			identity: { country: 'us' },
			configuration: { merchant: { capabilities: { card_payments: { requested: true } } } },
		});
		sandbox.state.completeAccountOnboarding(account.id);
		await sandbox.flushDeliveries();
		expect(receiver.received.map((delivery) => JSON.parse(delivery.rawBody).type)).toEqual([
			'v2.core.account.created',
			'v2.core.account[requirements].updated',
		]);
		expect(JSON.parse(receiver.received[1].rawBody)).toMatchObject({
			context: null,
			related_object: { id: account.id, type: 'v2.core.account' },
		});
	});
});
