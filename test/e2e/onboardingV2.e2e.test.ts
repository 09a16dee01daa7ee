/**
 * The Accounts v2 onboarding example (examples/merchant-onboarding-v2.json) in a real n8n 2.41.1: the
 * workflow creates the account, makes the onboarding link and checks the account every 30 seconds.
 * The test lets the first check find the requirements still due, completes onboarding in the sandbox
 * (as the merchant finishing Stripe's hosted flow would), and expects the next check to finish the
 * run. Every request the sandbox received is asserted: v2 JSON bodies, keys, headers.
 */
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../stripe-sandbox';
import type { RecordedRequest, StripeSandbox } from '../../stripe-sandbox';
import { REPO_ROOT } from '../../scripts/lib/repository';
import { itemsOf, loadWorkflow, prepareN8n, singleItemOf, stripeCredential } from './support';
import type { E2eN8n } from './support';

const INCLUDE_QUERY =
	'include[0]=configuration.merchant&include[1]=configuration.recipient&include[2]=requirements';

/** Resolves with the first recorded request that `matches`, polling the sandbox's log. */
async function firstRequest(
	sandbox: StripeSandbox,
	matches: (request: RecordedRequest) => boolean,
	timeoutMs: number,
): Promise<RecordedRequest> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = sandbox.requests().find(matches);
		if (found) return found;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`No matching request within ${timeoutMs} ms`);
}

describe('the Accounts v2 onboarding example in a real n8n', () => {
	let sandbox: StripeSandbox;
	let instance: E2eN8n;

	beforeAll(async () => {
		sandbox = await startSandbox();
		instance = await prepareN8n();
		await instance.n8n.importCredentials([stripeCredential(sandbox)]);
	});

	afterAll(async () => {
		await instance?.dispose();
		await sandbox?.close();
	});

	it('creates the v2 account and link, and finishes when the requirements have cleared', async () => {
		const workflow = loadWorkflow(join(REPO_ROOT, 'examples', 'merchant-onboarding-v2.json'));
		await instance.n8n.importWorkflow(workflow);
		sandbox.clearRequests();

		const running = instance.n8n.execute(workflow.id);
		// The first check of the account: onboarding is not done yet, so the workflow waits again.
		const firstCheck = await firstRequest(
			sandbox,
			(request) => request.method === 'GET' && request.path.startsWith('/v2/core/accounts/'),
			120_000,
		);
		const accountId = firstCheck.path.split('/').pop() as string;
		sandbox.state.completeAccountOnboarding(accountId);
		const run = await running;

		expect(run.resultData.error).toBeUndefined();
		const requests = sandbox.requests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v2/core/accounts',
			'POST /v2/core/account_links',
			`GET /v2/core/accounts/${accountId}`,
			`GET /v2/core/accounts/${accountId}`,
		]);
		for (const request of requests) {
			expect(request.status, JSON.stringify(request.responseBody)).toBe(200);
			expect(request.headers.authorization).toBe(`Bearer ${sandbox.secretKey}`);
			expect(request.headers['stripe-version']).toBe('2026-10-28.endive');
			expect(request.stripeAccount).toBeUndefined();
			expect(request.stripeContext).toBeUndefined();
		}

		const [create, link, check, recheck] = requests;
		expect(create.headers['content-type']).toBe('application/json');
		expect(create.idempotencyKey).toBe('onboard-v2-m_2001');
		expect(create.rawBody).toBe(
			JSON.stringify({
				display_name: 'Lakeside Ceramics',
				contact_email: 'owner@lakeside-ceramics.example',
				identity: { country: 'US', entity_type: 'company' },
				configuration: {
					merchant: { capabilities: { card_payments: { requested: true } } },
					recipient: {
						capabilities: { stripe_balance: { stripe_transfers: { requested: true } } },
					},
				},
				dashboard: 'express',
				defaults: {
					responsibilities: { fees_collector: 'application', losses_collector: 'application' },
				},
				include: ['configuration.merchant', 'configuration.recipient', 'requirements'],
				metadata: { merchant_ref: 'm_2001' },
			}),
		);
		expect(link.headers['content-type']).toBe('application/json');
		expect(link.idempotencyKey).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(link.rawBody).toBe(
			JSON.stringify({
				account: accountId,
				use_case: {
					type: 'account_onboarding',
					account_onboarding: {
						return_url: 'https://example.com/onboarding/done',
						refresh_url: 'https://example.com/onboarding/retry',
					},
				},
			}),
		);
		for (const read of [check, recheck]) {
			expect(read.rawQuery).toBe(INCLUDE_QUERY);
			expect(read.rawBody).toBe('');
			expect(read.idempotencyKey).toBeUndefined();
		}

		expect(singleItemOf(run, 'Onboarding Link')).toMatchObject({
			account: accountId,
			email: 'owner@lakeside-ceramics.example',
		});
		expect(String(singleItemOf(run, 'Onboarding Link').onboardingUrl)).toMatch(/^https:\/\//);
		// Two checks: the first found requirements due, the second found everything active.
		const statuses = run.resultData.runData['Onboarding Status'].map(
			(status) => status.data?.main?.[0]?.[0]?.json as Record<string, unknown>,
		);
		expect(statuses.map((status) => status.ready)).toEqual([false, true]);
		expect(statuses[0].requirementsDue).toBeGreaterThan(0);
		expect(itemsOf(run, 'Merchant Ready')).toEqual([
			{
				account: accountId,
				ready: true,
				requirementsDue: 0,
				capabilities: [
					{ capability: 'merchant.card_payments', status: 'active' },
					{ capability: 'recipient.stripe_balance.stripe_transfers', status: 'active' },
				],
			},
		]);
	});
});
