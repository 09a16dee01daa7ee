import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { runFixtureOk, useSandbox } from '../support/fixtureRuns';
import {
	createdAccountParams,
	makerItem,
	seededV2Account,
	updatedAccountParams,
} from '../support/v2Accounts';
import { expectSingleV2Request, expectV2Wire } from '../support/v2Wire';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

/** A v2 account with the merchant and recipient configurations, as the sandbox's own state makes it. */
function newV2Account(metadata: Record<string, string> = {}): string {
	return sandbox.state.createV2Account(seededV2Account(metadata)).id;
}

const CREATED_ACCOUNT = createdAccountParams('s_77') as Record<string, unknown>;

const MAKER = makerItem('s_77');

describe('Account V2', () => {
	it('creates an account with merchant and recipient configurations, defaults, include and metadata as JSON', async () => {
		const [account] = await runFixtureOk(sandbox, 'account-v2-create', [MAKER]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: '/v2/core/accounts',
			json: CREATED_ACCOUNT,
		});
		expect(account).toMatchObject({
			object: 'v2.core.account',
			display_name: 'Maker Studio',
			applied_configurations: ['merchant', 'recipient'],
			metadata: { seller_id: 's_77' },
			configuration: {
				merchant: { capabilities: { card_payments: { status: 'restricted' } } },
				recipient: {
					capabilities: { stripe_balance: { stripe_transfers: { status: 'restricted' } } },
				},
			},
		});
		expect((account.requirements as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
		expect(account._stripe).toMatchObject({ idempotentReplayed: false });
	});

	it('replays a re-run of the same item instead of creating a second account', async () => {
		const [first] = await runFixtureOk(sandbox, 'account-v2-create', [MAKER]);
		const [again] = await runFixtureOk(sandbox, 'account-v2-create', [MAKER]);

		const [firstRequest, secondRequest] = sandbox.requests();
		expect(secondRequest.idempotencyKey).toBe(firstRequest.idempotencyKey);
		expect(again.id).toBe(first.id);
		expect(again._stripe).toMatchObject({ idempotentReplayed: true });
	});

	it('creates one account per item for a batch fed from expressions, each with its own key', async () => {
		const items = Array.from({ length: 25 }, (_, index) => ({
			name: `Seller ${index}`,
			email: `seller${index}@maker.example.com`,
			sellerId: `s_${index}`,
		}));

		const accounts = await runFixtureOk(sandbox, 'account-v2-create', items);

		const requests = sandbox.requests();
		expect(requests).toHaveLength(25);
		for (const request of requests) expect(request.status).toBe(200);
		expect(new Set(requests.map((request) => request.idempotencyKey)).size).toBe(25);
		expect(accounts.map((account) => account.display_name)).toEqual(items.map((item) => item.name));
		expect(new Set(accounts.map((account) => account.id)).size).toBe(25);
	});

	it('retries a server error with the same key and creates the account once', async () => {
		const accountsBefore = sandbox.state.listObjects('account').length;
		// The first attempt creates the account, then its answer is lost to a 500.
		sandbox.injectFaults({
			status: 500,
			afterExecution: true,
			match: { method: 'POST', path: '/v2/core/accounts' },
		});

		const [account] = await runFixtureOk(sandbox, 'account-v2-create', [
			{ ...MAKER, sellerId: 's_retry' },
		]);

		const requests = sandbox.requests();
		expect(requests.map((request) => request.status)).toEqual([500, 200]);
		expect(requests[1].idempotencyKey).toBe(requests[0].idempotencyKey);
		expectV2Wire(sandbox, requests[1], {
			method: 'POST',
			path: '/v2/core/accounts',
			json: { ...CREATED_ACCOUNT, metadata: { seller_id: 's_retry' } },
		});
		expect(account._stripe).toMatchObject({ idempotentReplayed: true });
		expect(sandbox.state.listObjects('account').length).toBe(accountsBefore + 1);
	});

	it('gets an account with identity and requirements included', async () => {
		const id = newV2Account();

		const [account] = await runFixtureOk(sandbox, 'account-v2-get', [{ account: id }]);

		expectSingleV2Request(sandbox, {
			method: 'GET',
			path: `/v2/core/accounts/${id}`,
			rawQuery: 'include[0]=identity&include[1]=requirements',
		});
		expect(account).toMatchObject({ id, identity: { country: 'US' } });
		expect(account.requirements).not.toBeNull();
		expect(account.configuration).toBeNull();
	});

	it('acts in a Stripe Context (the Stripe-Context header), never with Stripe-Account', async () => {
		const id = newV2Account();

		const [account] = await runFixtureOk(sandbox, 'account-v2-get-context', [
			{ account: id, context: id },
		]);

		expectSingleV2Request(sandbox, {
			method: 'GET',
			path: `/v2/core/accounts/${id}`,
			stripeContext: id,
		});
		expect(account.id).toBe(id);
	});

	it('lists every recipient account over v2 pages (next_page_url)', async () => {
		const ids = Array.from({ length: 103 }, () => newV2Account());
		sandbox.state.createV2Account({
			display_name: 'Customer only',
			configuration: { customer: {} },
		});

		const accounts = await runFixtureOk(sandbox, 'account-v2-get-many');

		const requests = sandbox.requests();
		expect(requests.length).toBeGreaterThanOrEqual(2);
		expectV2Wire(sandbox, requests[0], {
			method: 'GET',
			path: '/v2/core/accounts',
			rawQuery: 'applied_configurations[0]=recipient&limit=100',
		});
		for (let index = 1; index < requests.length; index++) {
			const previous = requests[index - 1].responseBody as { next_page_url: string };
			const next = new URL(previous.next_page_url, 'https://api.stripe.com');
			expectV2Wire(sandbox, requests[index], {
				method: 'GET',
				path: next.pathname,
				rawQuery: next.searchParams.toString(),
			});
		}
		expect((requests.at(-1)?.responseBody as { next_page_url: unknown }).next_page_url).toBeNull();
		expect(accounts.map((account) => account.id)).toEqual(expect.arrayContaining(ids));
		expect(
			accounts.every((account) =>
				(account.applied_configurations as string[]).includes('recipient'),
			),
		).toBe(true);
	});

	it('stops at Limit and lists closed accounts when asked', async () => {
		const closing = Array.from({ length: 5 }, () => ({ account: newV2Account() }));
		await runFixtureOk(sandbox, 'account-v2-close', closing);
		sandbox.clearRequests();

		const accounts = await runFixtureOk(sandbox, 'account-v2-get-many-limit');

		expectSingleV2Request(sandbox, {
			method: 'GET',
			path: '/v2/core/accounts',
			rawQuery: 'closed=true&limit=3',
		});
		expect(accounts).toHaveLength(3);
		expect(accounts.every((account) => account.closed === true)).toBe(true);
	});

	it('updates details, requests another capability and removes a metadata key with null', async () => {
		const id = newV2Account({ legacy: 'yes', keep: 'me' });

		const [account] = await runFixtureOk(sandbox, 'account-v2-update', [{ account: id }]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: `/v2/core/accounts/${id}`,
			json: updatedAccountParams() as Record<string, unknown>,
		});
		expect(account).toMatchObject({
			display_name: 'Renamed Studio',
			metadata: { keep: 'me', tier: 'gold' },
			configuration: { merchant: { capabilities: { link_payments: { status: 'restricted' } } } },
		});
		expect(account.metadata).not.toHaveProperty('legacy');
	});

	it('deactivates a configuration (applied: false)', async () => {
		const id = newV2Account();

		const [account] = await runFixtureOk(sandbox, 'account-v2-deactivate', [{ account: id }]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: `/v2/core/accounts/${id}`,
			json: {
				include: ['configuration.recipient'],
				configuration: { recipient: { applied: false } },
			},
		});
		expect(account.applied_configurations).toEqual(['merchant']);
	});

	it('closes an account naming its applied configurations', async () => {
		const id = newV2Account();

		const [account] = await runFixtureOk(sandbox, 'account-v2-close', [{ account: id }]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: `/v2/core/accounts/${id}/close`,
			json: { applied_configurations: ['merchant', 'recipient'] },
		});
		expect(account).toMatchObject({ id, closed: true });
	});
});
