import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import { callSandbox, startSandboxWithSdk } from '../../helpers';

const NOW = 1_750_000_000;

/** A marketplace seller as the node's "Account (v2) → Create" sends it. */
const SELLER: Stripe.V2.Core.AccountCreateParams = {
	display_name: 'Kaffee Rösterei',
	contact_email: 'owner@kaffee.test',
	identity: { country: 'de', entity_type: 'company' },
	configuration: {
		merchant: { capabilities: { card_payments: { requested: true } } },
		recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } },
	},
	defaults: {
		currency: 'eur',
		responsibilities: { fees_collector: 'stripe', losses_collector: 'stripe' },
	},
	metadata: { seller_id: 's-42' },
};

describe('v2 accounts', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: NOW }));
	});
	afterEach(() => sandbox.close());

	it('creates an account from the JSON body the SDK sends and answers with include-dependent hashes', async () => {
		const account = await stripe.v2.core.accounts.create({
			...SELLER,
			include: ['configuration.merchant', 'identity', 'requirements', 'defaults'],
		});
		const [request] = sandbox.requests({ method: 'POST', path: '/v2/core/accounts' });
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.rawBody)).toEqual({
			...SELLER,
			include: ['configuration.merchant', 'identity', 'requirements', 'defaults'],
		});
		expect(request.idempotencyKey).toMatch(/^stripe-node-retry-/);
		expect(account).toMatchObject({
			object: 'v2.core.account',
			applied_configurations: ['merchant', 'recipient'],
			closed: false,
			contact_email: 'owner@kaffee.test',
			created: '2025-06-15T15:06:40.000Z',
			dashboard: 'full',
			display_name: 'Kaffee Rösterei',
			identity: { country: 'DE', entity_type: 'company' },
			defaults: {
				currency: 'eur',
				responsibilities: {
					fees_collector: 'stripe',
					losses_collector: 'stripe',
					requirements_collector: 'stripe',
				},
			},
			metadata: { seller_id: 's-42' },
			livemode: false,
		});
		expect(account.configuration).toEqual({
			customer: null,
			merchant: {
				applied: true,
				capabilities: {
					card_payments: {
						status: 'restricted',
						status_details: [{ code: 'requirements_past_due', resolution: 'provide_info' }],
					},
				},
			},
			recipient: null,
		});
		expect(account.requirements?.entries?.[0].impact.restricts_capabilities).toEqual([
			{
				capability: 'card_payments',
				configuration: 'merchant',
				deadline: { status: 'currently_due' },
			},
			{
				capability: 'stripe_balance.stripe_transfers',
				configuration: 'recipient',
				deadline: { status: 'currently_due' },
			},
		]);
		expect(account.future_requirements).toBeNull();
	});

	it('retrieves with include as the SDK encodes it, leaving everything else null', async () => {
		const { id } = await stripe.v2.core.accounts.create(SELLER);
		const plain = await stripe.v2.core.accounts.retrieve(id);
		expect(plain).toMatchObject({
			configuration: null,
			identity: null,
			defaults: null,
			requirements: null,
		});
		const withRecipient = await stripe.v2.core.accounts.retrieve(id, {
			include: ['configuration.recipient', 'identity'],
		});
		expect(sandbox.requests({ method: 'GET' }).at(-1)?.rawQuery).toBe(
			'include[0]=configuration.recipient&include[1]=identity',
		);
		expect(withRecipient.configuration?.merchant).toBeNull();
		expect(
			withRecipient.configuration?.recipient?.capabilities?.stripe_balance?.stripe_transfers,
		).toMatchObject({
			status: 'restricted',
		});
		expect(withRecipient.identity).toEqual({ country: 'DE', entity_type: 'company' });
		const repeated = await callSandbox(
			sandbox,
			'GET',
			`/v2/core/accounts/${id}?include=identity&include=defaults`,
		);
		expect(repeated.body).toMatchObject({
			identity: { country: 'DE' },
			defaults: { currency: 'eur' },
		});
	});

	it('lists open v2 accounts filtered by applied configurations, page by page with next_page_url', async () => {
		const created: string[] = [];
		for (let index = 0; index < 5; index++) {
			created.push(
				(await stripe.v2.core.accounts.create({ ...SELLER, display_name: `Seller ${index}` })).id,
			);
		}
		const recipientOnly = await stripe.v2.core.accounts.create({
			contact_email: 'r@example.test',
			identity: { country: 'us' },
			dashboard: 'express',
			configuration: {
				recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } },
			},
			defaults: {
				responsibilities: { fees_collector: 'application', losses_collector: 'application' },
			},
		});
		sandbox.state.createConnectedAccount();
		const first = await stripe.v2.core.accounts.list({
			applied_configurations: ['merchant'],
			limit: 2,
		});
		expect(first.data.map((account) => account.id)).toEqual([created[4], created[3]]);
		expect(first.previous_page_url).toBeNull();
		expect(first.next_page_url).toMatch(/^\/v2\/core\/accounts\?page=/);
		const all: string[] = [];
		for await (const account of stripe.v2.core.accounts.list({
			applied_configurations: ['merchant'],
			limit: 2,
		})) {
			all.push(account.id);
		}
		expect(all).toEqual([...created].reverse());
		const pages = sandbox.requests({ method: 'GET', path: '/v2/core/accounts' });
		expect(pages.at(-1)?.rawQuery).toMatch(/^page=/);
		const second = await callSandbox(sandbox, 'GET', first.next_page_url as string);
		expect(second.body.data.map((account) => account.id)).toEqual([created[2], created[1]]);
		const back = await callSandbox(sandbox, 'GET', second.body.previous_page_url as string);
		expect(back.body.data.map((account) => account.id)).toEqual([created[4], created[3]]);
		const recipients = await stripe.v2.core.accounts.list({
			applied_configurations: ['recipient', 'merchant'],
		});
		expect(recipients.data).toHaveLength(5);
		const everyone = await stripe.v2.core.accounts.list({ limit: 100 });
		expect(everyone.data.map((account) => account.id)).toEqual([
			recipientOnly.id,
			...[...created].reverse(),
		]);
		const mixed = await callSandbox(sandbox, 'GET', `${first.next_page_url}&closed=true`);
		expect(mixed.status).toBe(400);
		expect(mixed.body.error).toMatchObject({ type: 'invalid_request_error', param: 'closed' });
	});

	it('updates fields, removes metadata keys set to null and announces the parts that changed', async () => {
		const { id } = await stripe.v2.core.accounts.create({
			...SELLER,
			metadata: { a: '1', b: '2' },
		});
		const updated = await stripe.v2.core.accounts.update(id, {
			display_name: 'Kaffee & Kuchen',
			metadata: { a: null as unknown as string, c: '3' },
			identity: { entity_type: 'individual' },
			include: ['identity'],
		});
		expect(updated).toMatchObject({
			display_name: 'Kaffee & Kuchen',
			metadata: { b: '2', c: '3' },
			identity: { country: 'DE', entity_type: 'individual' },
		});
		const events = await stripe.v2.core.events.list({ object_id: id });
		expect(events.data.map((event) => event.type)).toEqual([
			'v2.core.account[identity].updated',
			'v2.core.account.updated',
			'v2.core.account.created',
		]);
		expect(events.data[0]).toMatchObject({
			related_object: { id, type: 'v2.core.account', url: `/v2/core/accounts/${id}` },
			context: null,
			reason: { type: 'request', request: { id: sandbox.requests().at(-2)?.requestId } },
		});
	});

	it('closes an account only with all its configurations named, then lists it as closed', async () => {
		const { id } = await stripe.v2.core.accounts.create(SELLER);
		await expect(
			stripe.v2.core.accounts.close(id, { applied_configurations: ['merchant'] }),
		).rejects.toMatchObject({ statusCode: 400, param: 'applied_configurations' });
		const closed = await stripe.v2.core.accounts.close(id, {
			applied_configurations: ['merchant', 'recipient'],
		});
		expect(closed).toMatchObject({ closed: true, applied_configurations: [] });
		expect((await stripe.v2.core.accounts.list()).data).toEqual([]);
		expect(
			(await stripe.v2.core.accounts.list({ closed: true })).data.map((item) => item.id),
		).toEqual([id]);
		await expect(stripe.v2.core.accounts.update(id, { display_name: 'x' })).rejects.toMatchObject({
			statusCode: 400,
			code: 'account_closed',
		});
		const [event] = (await stripe.v2.core.events.list({ types: ['v2.core.account.closed'] }))
			.data as Stripe.V2.Core.Events.V2CoreAccountClosedEvent[];
		expect(event.related_object?.id).toBe(id);
	});

	it('answers v2 errors: not_found, the field at fault, and v1 accounts refused', async () => {
		const missing = await callSandbox(sandbox, 'GET', '/v2/core/accounts/acct_missing');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toEqual({
			type: 'invalid_request_error',
			code: 'not_found',
			message: "No such account: 'acct_missing'",
		});
		await expect(stripe.v2.core.accounts.retrieve('acct_missing')).rejects.toMatchObject({
			type: 'StripeInvalidRequestError',
			code: 'not_found',
		});
		await expect(
			stripe.v2.core.accounts.create({ ...SELLER, contact_email: undefined }),
		).rejects.toMatchObject({ statusCode: 400, code: 'invalid_fields', param: 'contact_email' });
		await expect(
			stripe.v2.core.accounts.create({
				...SELLER,
				configuration: { merchant: { capabilities: { transfers: { requested: true } } } },
			} as unknown as Stripe.V2.Core.AccountCreateParams),
		).rejects.toMatchObject({ param: 'configuration.merchant.capabilities.transfers' });
		await expect(
			stripe.v2.core.accounts.create({ ...SELLER, dashboard: 'express' }),
		).rejects.toMatchObject({ param: 'defaults.responsibilities' });
		await expect(
			stripe.v2.core.accounts.create({
				...SELLER,
				surprise: 1,
			} as unknown as Stripe.V2.Core.AccountCreateParams),
		).rejects.toMatchObject({ param: 'surprise' });
		const v1 = sandbox.state.createConnectedAccount();
		await expect(stripe.v2.core.accounts.retrieve(v1.id)).rejects.toMatchObject({
			statusCode: 400,
			message: expect.stringContaining('V1 Account ID cannot be used in V2 Account APIs'),
		});
		const notJson = await fetch(`${sandbox.url}/v2/core/accounts`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.secretKey}`, 'Content-Type': 'application/json' },
			body: 'display_name=x',
		});
		expect(notJson.status).toBe(400);
		expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
	});

	it('is also a v1 connected account: transfers, payouts and balance with Stripe-Account or Stripe-Context', async () => {
		const { id } = await stripe.v2.core.accounts.create(SELLER);
		sandbox.state.fundBalance({ currency: 'eur', amount: 10_000 });
		await expect(
			stripe.transfers.create({ amount: 1_000, currency: 'eur', destination: id }),
		).rejects.toMatchObject({ code: 'insufficient_capabilities_for_transfer' });
		const onboarded = sandbox.state.completeAccountOnboarding(id);
		expect(
			onboarded.configuration?.recipient?.capabilities?.stripe_balance?.stripe_transfers?.status,
		).toBe('active');
		expect(onboarded.requirements).toEqual({ entries: [], summary: {} });
		await stripe.transfers.create({ amount: 4_000, currency: 'eur', destination: id });
		const balance = await stripe.balance.retrieve({}, { stripeAccount: id });
		expect(balance.available).toEqual([
			{ amount: 4_000, currency: 'eur', source_types: { card: 4_000 } },
		]);
		const payout = await stripe.payouts.create(
			{ amount: 1_500, currency: 'eur' },
			{ stripeContext: id },
		);
		expect(sandbox.requests({ path: '/v1/payouts' })[0].stripeContext).toBe(id);
		const viaPlatformContext = await stripe.payouts.retrieve(
			payout.id,
			{},
			{
				stripeContext: `${sandbox.platformAccountId}/${id}`,
			},
		);
		expect(viaPlatformContext.amount).toBe(1_500);
		expect((await stripe.accounts.retrieve(id)).payouts_enabled).toBe(true);
	});
});
