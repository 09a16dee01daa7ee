import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import { callSandbox, startSandboxWithSdk, startWebhookReceiver } from '../../helpers';

describe('event destinations', () => {
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

	const thinWebhook = (overrides: Partial<Stripe.V2.Core.EventDestinationCreateParams> = {}) =>
		stripe.v2.core.eventDestinations.create({
			name: 'n8n payouts',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			enabled_events: ['v1.payout.failed'],
			events_from: ['@self', '@accounts'],
			webhook_endpoint: { url: receiver.url },
			...overrides,
		});

	it('returns the signing secret and URL only where they are included', async () => {
		const created = await thinWebhook({
			description: 'failed payouts',
			metadata: { workflow: 'wf-1' },
			include: ['webhook_endpoint.signing_secret', 'webhook_endpoint.url'],
		});
		expect(created).toMatchObject({
			object: 'v2.core.event_destination',
			name: 'n8n payouts',
			description: 'failed payouts',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			enabled_events: ['v1.payout.failed'],
			events_from: ['@self', '@accounts'],
			snapshot_api_version: null,
			status: 'enabled',
			status_details: null,
			metadata: { workflow: 'wf-1' },
			created: '2025-06-15T15:06:40.000Z',
			webhook_endpoint: {
				signing_secret: expect.stringMatching(/^whsec_\w{32}$/),
				url: receiver.url,
			},
		});
		expect(created.id).toMatch(/^ed_/);
		const fetched = await stripe.v2.core.eventDestinations.retrieve(created.id);
		expect(fetched.webhook_endpoint).toEqual({ signing_secret: null, url: null });
		const withUrl = await stripe.v2.core.eventDestinations.retrieve(created.id, {
			include: ['webhook_endpoint.url'],
		});
		expect(withUrl.webhook_endpoint).toEqual({ signing_secret: null, url: receiver.url });
		const listed = await stripe.v2.core.eventDestinations.list({
			include: ['webhook_endpoint.url'],
		});
		expect(listed.data.map((item) => item.webhook_endpoint?.url)).toEqual([receiver.url]);
		const secretAgain = await callSandbox(
			sandbox,
			'GET',
			`/v2/core/event_destinations/${created.id}?include[0]=webhook_endpoint.signing_secret`,
		);
		expect(secretAgain.body.error).toMatchObject({ param: 'include' });
	});

	it('updates, disables, enables and deletes a destination', async () => {
		const { id } = await thinWebhook();
		const updated = await stripe.v2.core.eventDestinations.update(id, {
			name: 'renamed',
			enabled_events: ['v1.payout.failed', 'v2.core.account.updated'],
			webhook_endpoint: { url: `${receiver.url}/v2` },
			include: ['webhook_endpoint.url'],
		});
		expect(updated).toMatchObject({
			name: 'renamed',
			enabled_events: ['v1.payout.failed', 'v2.core.account.updated'],
			webhook_endpoint: { url: `${receiver.url}/v2` },
		});
		expect(await stripe.v2.core.eventDestinations.disable(id)).toMatchObject({
			status: 'disabled',
			status_details: { disabled: { reason: 'user' } },
		});
		expect(await stripe.v2.core.eventDestinations.enable(id)).toMatchObject({
			status: 'enabled',
			status_details: null,
		});
		expect(await stripe.v2.core.eventDestinations.del(id)).toEqual({
			id,
			object: 'v2.core.event_destination',
		});
		await expect(stripe.v2.core.eventDestinations.retrieve(id)).rejects.toMatchObject({
			statusCode: 404,
			code: 'not_found',
		});
	});

	it('pings one destination with a signed thin event the SDK parses', async () => {
		const { id, webhook_endpoint } = await thinWebhook({
			include: ['webhook_endpoint.signing_secret'],
		});
		const ping = await stripe.v2.core.eventDestinations.ping(id);
		expect(ping).toMatchObject({
			object: 'v2.core.event',
			type: 'v2.core.event_destination.ping',
			related_object: {
				id,
				type: 'v2.core.event_destination',
				url: `/v2/core/event_destinations/${id}`,
			},
		});
		await sandbox.flushDeliveries();
		expect(receiver.received).toHaveLength(1);
		const [delivery] = receiver.received;
		const notification = stripe.parseEventNotification(
			delivery.rawBody,
			String(delivery.headers['stripe-signature']),
			webhook_endpoint?.signing_secret as string,
		);
		expect(notification).toMatchObject({ id: ping.id, type: 'v2.core.event_destination.ping' });
		expect(sandbox.deliveries()[0]).toMatchObject({
			endpointId: id,
			transport: 'event_destination',
			payload: 'thin',
			status: 200,
		});
	});

	it('refuses event types that do not fit the payload, and scopes the sandbox lacks', async () => {
		await expect(thinWebhook({ enabled_events: ['payout.failed'] })).rejects.toMatchObject({
			statusCode: 400,
			param: 'enabled_events',
		});
		await expect(
			thinWebhook({ event_payload: 'snapshot', enabled_events: ['v2.core.account.updated'] }),
		).rejects.toMatchObject({ param: 'enabled_events' });
		await expect(thinWebhook({ snapshot_api_version: '2026-10-28.endive' })).rejects.toMatchObject({
			param: 'snapshot_api_version',
		});
		await expect(thinWebhook({ events_from: ['@organization_members'] })).rejects.toMatchObject({
			param: 'events_from',
		});
		await expect(thinWebhook({ webhook_endpoint: { url: 'ftp://nope' } })).rejects.toMatchObject({
			param: 'webhook_endpoint.url',
		});
		await expect(
			stripe.v2.core.eventDestinations.create({
				name: 'aws',
				type: 'amazon_eventbridge',
				event_payload: 'thin',
				enabled_events: ['v1.payout.failed'],
				amazon_eventbridge: { aws_account_id: '123', aws_region: 'eu-west-1' },
			}),
		).rejects.toMatchObject({ param: 'amazon_eventbridge.aws_account_id' });
	});

	it('creates an EventBridge destination whose partner event source waits for association', async () => {
		const destination = await stripe.v2.core.eventDestinations.create({
			name: 'alerts',
			type: 'amazon_eventbridge',
			event_payload: 'snapshot',
			enabled_events: ['payout.failed', 'charge.dispute.created'],
			events_from: ['@accounts'],
			amazon_eventbridge: { aws_account_id: '123456789012', aws_region: 'eu-central-1' },
		});
		expect(destination).toMatchObject({
			type: 'amazon_eventbridge',
			snapshot_api_version: '2026-10-28.endive',
			amazon_eventbridge: {
				aws_account_id: '123456789012',
				aws_event_source_arn: `arn:aws:events:eu-central-1::event-source/aws.partner/stripe.com/${destination.id}`,
				aws_event_source_status: 'pending',
			},
		});
		sandbox.state.activateEventBridgeSource(destination.id);
		expect(
			(await stripe.v2.core.eventDestinations.retrieve(destination.id)).amazon_eventbridge
				?.aws_event_source_status,
		).toBe('active');
	});
});
