import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signWebhookPayload, type StripeSandbox } from '../../stripe-sandbox';
import { startSandboxWithSdk, startWebhookReceiver } from './helpers';

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
