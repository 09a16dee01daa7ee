import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { callSandbox, startSandboxWithSdk, startWebhookReceiver } from '../helpers';

describe('webhook endpoints', () => {
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

	it('returns the signing secret only when the endpoint is created', async () => {
		const endpoint = await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: ['*'],
			connect: true,
			description: 'n8n',
			metadata: { n8n: 'yes' },
		});
		expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
		expect(endpoint).toMatchObject({
			status: 'enabled',
			enabled_events: ['*'],
			description: 'n8n',
			metadata: { n8n: 'yes' },
		});
		// Like Stripe, the object does not say whether it is a Connect endpoint.
		expect(endpoint).not.toHaveProperty('connect');
		const fetched = await stripe.webhookEndpoints.retrieve(endpoint.id);
		expect(fetched.secret).toBeUndefined();
		const listed = await stripe.webhookEndpoints.list();
		expect(listed.data.map((item) => item.secret)).toEqual([undefined]);
	});

	it('enforces Stripe’s limit of 16 endpoints per account', async () => {
		for (let index = 0; index < 16; index++) {
			await stripe.webhookEndpoints.create({
				url: `${receiver.url}/${index}`,
				enabled_events: ['*'],
			});
		}
		const response = await callSandbox(sandbox, 'POST', '/v1/webhook_endpoints', {
			body: `url=${encodeURIComponent(receiver.url)}&enabled_events[]=*`,
		});
		expect(response.status).toBe(400);
		expect(response.body.error.message).toContain('16');
	});

	it('accepts an api_version newer than the spec and stamps it on deliveries', async () => {
		const endpoint = await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: ['*'],
			api_version: '2026-10-28.endive' as Stripe.WebhookEndpointCreateParams.ApiVersion,
		});
		expect(endpoint.api_version).toBe('2026-10-28.endive');
		const invalid = await callSandbox(sandbox, 'POST', '/v1/webhook_endpoints', {
			body: `url=${encodeURIComponent(receiver.url)}&enabled_events[]=not.an.event`,
		});
		expect(invalid.status).toBe(400);
		expect(invalid.body.error.param).toBe('enabled_events[0]');
	});

	it('deletes endpoints', async () => {
		const endpoint = await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: ['*'],
		});
		expect(await stripe.webhookEndpoints.del(endpoint.id)).toEqual({
			id: endpoint.id,
			object: 'webhook_endpoint',
			deleted: true,
		});
		await expect(stripe.webhookEndpoints.retrieve(endpoint.id)).rejects.toThrow(
			`No such webhook endpoint: '${endpoint.id}'`,
		);
	});
});
