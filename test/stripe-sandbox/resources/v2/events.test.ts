import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import {
	callSandbox,
	startSandboxWithSdk,
	startWebhookReceiver,
	v2RecipientParams,
} from '../../helpers';

const entry = createRequire(import.meta.url).resolve('stripe');
const sdkEventTypes = readFileSync(
	join(
		entry.slice(0, entry.lastIndexOf('/node_modules/stripe/') + '/node_modules/stripe'.length),
		'esm/resources/V2/Core/Events.d.ts',
	),
	'utf8',
);

describe('v2 events', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
	let seller: Stripe.Account;
	let accountId: string;
	beforeAll(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
		receiver = await startWebhookReceiver();
		await stripe.v2.core.eventDestinations.create({
			name: 'everything',
			type: 'webhook_endpoint',
			event_payload: 'thin',
			enabled_events: ['*'],
			events_from: ['@self', '@accounts'],
			webhook_endpoint: { url: receiver.url },
		});
		seller = sandbox.state.createConnectedAccount();
		accountId = sandbox.state.createV2Account(v2RecipientParams({ country: 'us' }, 'a@b.test')).id;
		await sandbox.advanceTime(3_600);
		sandbox.state.completeAccountOnboarding(accountId);
		sandbox.state.fundBalance({ account: seller.id, currency: 'usd', amount: 500 });
		await stripe.payouts.create({ amount: 200, currency: 'usd' }, { stripeAccount: seller.id });
		await sandbox.flushDeliveries();
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});

	it("lists the platform's events newest first, filtered by types, object_id and created", async () => {
		const all = await stripe.v2.core.events.list({ limit: 100 });
		expect(all.data.map((event) => event.type)).toEqual([
			'v2.core.account[requirements].updated',
			'v2.core.account[configuration.recipient].capability_status_updated',
			'v2.core.account.created',
		]);
		const created = await stripe.v2.core.events.list({ types: ['v2.core.account.created'] });
		expect(created.data).toHaveLength(1);
		expect((await stripe.v2.core.events.list({ object_id: 'acct_other' })).data).toEqual([]);
		const later = await stripe.v2.core.events.list({
			created: { gt: '2025-06-15T15:06:40.000Z' } as never,
		});
		expect(later.data.map((event) => event.type)).toEqual([
			'v2.core.account[requirements].updated',
			'v2.core.account[configuration.recipient].capability_status_updated',
		]);
		const bad = await callSandbox(sandbox, 'GET', '/v2/core/events?created[gt]=yesterday');
		expect(bad.body.error).toMatchObject({ param: 'created.gt' });
	});

	it("keeps a connected account's events in its context: listed and read only with its Stripe-Context", async () => {
		const scoped = await stripe.v2.core.events.list({}, { stripeContext: seller.id });
		expect(scoped.data.map((event) => [event.type, event.context])).toEqual([
			['v1.payout.created', seller.id],
		]);
		const [payoutCreated] = scoped.data as Stripe.V2.Core.Events.V1PayoutCreatedEvent[];
		expect(payoutCreated.reason).toEqual({
			type: 'request',
			request: {
				id: sandbox.requests({ method: 'POST', path: '/v1/payouts' })[0].requestId,
				idempotency_key: expect.stringMatching(/^stripe-node-retry-/),
			},
		});
		expect(
			(await stripe.v2.core.events.retrieve(payoutCreated.id, {}, { stripeContext: seller.id })).id,
		).toBe(payoutCreated.id);
		await expect(stripe.v2.core.events.retrieve(payoutCreated.id)).rejects.toMatchObject({
			statusCode: 404,
		});
	});

	it('emits only event types that stripe 23.1.0 defines', () => {
		const emitted = new Set(
			receiver.received.map((delivery) => String(JSON.parse(delivery.rawBody).type)),
		);
		expect(emitted.size).toBeGreaterThan(3);
		for (const type of emitted) expect(sdkEventTypes, type).toContain(`type: '${type}';`);
	});
});
