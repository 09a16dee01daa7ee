import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, startWebhookReceiver, type SandboxJson } from './helpers';

async function control(sandbox: StripeSandbox, method: string, path: string, body?: unknown) {
	const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as SandboxJson };
}

describe('control API', () => {
	let sandbox: StripeSandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: 1_750_000_000 });
	});
	afterEach(() => sandbox.close());

	it('advances the clock and settles payouts', async () => {
		const account = sandbox.state.createConnectedAccount();
		const payout = sandbox.state.createManualPayout({
			account: account.id,
			amount: 100,
			currency: 'usd',
			status: 'pending',
			arrival_date: 1_750_000_000 + 86400,
		});
		expect((await control(sandbox, 'GET', 'now')).body).toEqual({ now: 1_750_000_000 });
		expect((await control(sandbox, 'POST', 'advance', { seconds: 86400 })).body).toEqual({
			now: 1_750_086_400,
		});
		expect(sandbox.state.getObject(payout.id)).toMatchObject({ status: 'paid' });
		expect((await control(sandbox, 'POST', 'advance', { seconds: -1 })).status).toBe(400);
	});

	it('injects faults with a path pattern and clears them', async () => {
		await control(sandbox, 'POST', 'faults', {
			status: 429,
			times: 5,
			shouldRetry: false,
			match: { method: 'GET', pathPattern: '^/v1/bal' },
		});
		const failed = await callSandbox(sandbox, 'GET', '/v1/balance');
		expect(failed.status).toBe(429);
		expect(failed.headers.get('stripe-should-retry')).toBe('false');
		await control(sandbox, 'DELETE', 'faults');
		expect((await callSandbox(sandbox, 'GET', '/v1/balance')).status).toBe(200);
	});

	it('sets the rate limit and latency', async () => {
		await control(sandbox, 'POST', 'rate_limit', { requestsPerSecond: 0.1 });
		await callSandbox(sandbox, 'GET', '/v1/balance');
		expect((await callSandbox(sandbox, 'GET', '/v1/balance')).status).toBe(429);
		await control(sandbox, 'POST', 'rate_limit', {});
		expect((await callSandbox(sandbox, 'GET', '/v1/balance')).status).toBe(200);
		expect((await control(sandbox, 'POST', 'latency', { ms: 0 })).body).toEqual({ ok: true });
	});

	it('lists deliveries and requests, and is itself never recorded', async () => {
		const receiver = await startWebhookReceiver();
		try {
			await callSandbox(sandbox, 'POST', '/v1/webhook_endpoints', {
				body: `url=${encodeURIComponent(receiver.url)}&enabled_events[]=*`,
			});
			sandbox.state.emitEvent({ type: 'payout.paid', object: { id: 'po_1', object: 'payout' } });
			const deliveries = await control(sandbox, 'GET', 'deliveries');
			expect(deliveries.body.data).toHaveLength(1);
			expect(deliveries.body.data[0]).toMatchObject({ type: 'payout.paid', status: 200 });
			const requests = await control(sandbox, 'GET', 'requests');
			expect(requests.body.data.map((request) => request.path)).toEqual(['/v1/webhook_endpoints']);
			expect(JSON.stringify(requests.body)).not.toContain(sandbox.secretKey);
			expect(requests.body.data[0]).toMatchObject({
				headers: { authorization: expect.stringMatching(/^Bearer sk_test_\*+0000$/) },
			});
			await control(sandbox, 'DELETE', 'requests');
			expect(sandbox.requests()).toEqual([]);
		} finally {
			await receiver.close();
		}
	});

	it('runs the payout schedule', async () => {
		const account = sandbox.state.createConnectedAccount();
		sandbox.state.fundBalance({ account: account.id, currency: 'usd', amount: 700 });
		const response = await control(sandbox, 'POST', 'run_payouts', { account: account.id });
		expect(response.body.data).toEqual([expect.objectContaining({ amount: 700, automatic: true })]);
	});

	it('completes v2 onboarding, associates EventBridge sources and points them at an endpoint', async () => {
		const account = sandbox.state.createV2Account({
			contact_email: 'a@b.test',
			identity: { country: 'us' },
			configuration: { merchant: { capabilities: { card_payments: { requested: true } } } },
		});
		const onboarded = await control(sandbox, 'POST', 'complete_onboarding', {
			account: account.id,
		});
		expect(onboarded.body).toMatchObject({
			id: account.id,
			configuration: { merchant: { capabilities: { card_payments: { status: 'active' } } } },
		});
		const unknown = await control(sandbox, 'POST', 'complete_onboarding', { account: 'acct_nope' });
		expect(unknown).toMatchObject({ status: 400, body: { error: "No such account: 'acct_nope'" } });
		const destination = await callSandbox(sandbox, 'POST', '/v2/core/event_destinations', {
			body: JSON.stringify({
				name: 'aws',
				type: 'amazon_eventbridge',
				event_payload: 'thin',
				enabled_events: ['v1.payout.paid'],
				amazon_eventbridge: { aws_account_id: '123456789012', aws_region: 'eu-west-1' },
			}),
			headers: { 'Content-Type': 'application/json' },
		});
		const id = destination.body.id as string;
		await control(sandbox, 'POST', 'eventbridge_sources/activate', { destination: id });
		expect(sandbox.state.getObject(id)).toMatchObject({
			amazon_eventbridge: { aws_event_source_status: 'active' },
		});
		await control(sandbox, 'POST', 'eventbridge_endpoint', { url: 'http://127.0.0.1:1/' });
		sandbox.state.createManualPayout({
			account: sandbox.platformAccountId,
			amount: 5,
			currency: 'usd',
			status: 'in_transit',
			arrival_date: 1_750_000_060,
		});
		await sandbox.advanceTime(60);
		expect(sandbox.deliveries().at(-1)).toMatchObject({
			transport: 'amazon_eventbridge',
			url: 'http://127.0.0.1:1/',
			status: null,
		});
	});

	it('answers unknown control routes with 404 and never touches /v1', async () => {
		expect((await control(sandbox, 'GET', 'nope')).status).toBe(404);
	});
});
