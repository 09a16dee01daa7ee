import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../stripe-sandbox';
import { StripeConnect } from '../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../nodes/StripeConnect/shared/operation';
import { runFixture, runFixtureOk, useSandbox } from './helpers';
import {
	createdAccountParams,
	makerItem,
	seededV2Account,
	updatedAccountParams,
} from './v2Accounts';
import { expectSingleV2Request, expectV2Wire } from './v2Wire';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

new StripeConnect();

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

describe('Account Link V2', () => {
	it.each(['account_onboarding', 'account_update'])(
		'creates a %s link with the options of that use case',
		async (useCase) => {
			const id = newV2Account();

			const [link] = await runFixtureOk(sandbox, 'account-link-v2-create', [
				{ account: id, useCase },
			]);

			expectSingleV2Request(sandbox, {
				method: 'POST',
				path: '/v2/core/account_links',
				json: {
					account: id,
					use_case: {
						type: useCase,
						[useCase]: {
							return_url: `https://example.com/onboarding/done?account=${id}`,
							refresh_url: 'https://example.com/onboarding/refresh',
							collection_options: { fields: 'eventually_due', future_requirements: 'include' },
						},
					},
				},
			});
			expect(link).toMatchObject({ object: 'v2.core.account_link', account: id });
			expect(link.url).toMatch(/^https:\/\//);
		},
	);
});

describe('Person V2', () => {
	async function newPerson(account: string, surname = 'Rosen'): Promise<string> {
		const [person] = await runFixtureOk(sandbox, 'person-v2-create', [
			{ account, surname, share: 25 },
		]);
		sandbox.clearRequests();
		return person.id as string;
	}

	it('creates a representative who owns a share, as JSON', async () => {
		const account = newV2Account();

		const [person] = await runFixtureOk(sandbox, 'person-v2-create', [
			{ account, surname: 'Rosen', share: '25.5' },
		]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: `/v2/core/accounts/${account}/persons`,
			json: {
				given_name: 'Jenny',
				surname: 'Rosen',
				email: 'jenny@maker.example.com',
				phone: '+4930123457',
				nationalities: ['DE', 'FR'],
				relationship: {
					representative: true,
					owner: true,
					title: 'CEO',
					percent_ownership: '25.5',
				},
				metadata: { source: 'n8n' },
			},
		});
		expect(person).toMatchObject({
			object: 'v2.core.account_person',
			account,
			given_name: 'Jenny',
			relationship: { percent_ownership: '25.5' },
		});
		expect(person.id).toMatch(/^person_/);
	});

	it('gets a person', async () => {
		const account = newV2Account();
		const id = await newPerson(account);

		const [person] = await runFixtureOk(sandbox, 'person-v2-get', [{ account, person: id }]);

		expectSingleV2Request(sandbox, {
			method: 'GET',
			path: `/v2/core/accounts/${account}/persons/${id}`,
		});
		expect(person).toMatchObject({ id, surname: 'Rosen' });
	});

	it('lists every person of an account', async () => {
		const account = newV2Account();
		const ids = [await newPerson(account, 'Rosen'), await newPerson(account, 'Smith')];

		const persons = await runFixtureOk(sandbox, 'person-v2-get-many', [{ account }]);

		expectSingleV2Request(sandbox, {
			method: 'GET',
			path: `/v2/core/accounts/${account}/persons`,
			rawQuery: 'limit=100',
		});
		expect(persons.map((person) => person.id).sort()).toEqual([...ids].sort());
	});

	it('updates a person and removes a metadata key with null', async () => {
		const account = newV2Account();
		const id = await newPerson(account);

		const [person] = await runFixtureOk(sandbox, 'person-v2-update', [{ account, person: id }]);

		expectSingleV2Request(sandbox, {
			method: 'POST',
			path: `/v2/core/accounts/${account}/persons/${id}`,
			json: {
				surname: 'Rosen-Smith',
				relationship: { director: true, percent_ownership: '12.5' },
				metadata: { source: null },
			},
		});
		expect(person).toMatchObject({ surname: 'Rosen-Smith' });
		expect(person.metadata).not.toHaveProperty('source');
	});

	it('deletes a person with an Idempotency-Key, as v2 deletes are keyed', async () => {
		const account = newV2Account();
		const id = await newPerson(account);

		const [deleted] = await runFixtureOk(sandbox, 'person-v2-delete', [{ account, person: id }]);

		expectSingleV2Request(sandbox, {
			method: 'DELETE',
			path: `/v2/core/accounts/${account}/persons/${id}`,
		});
		expect(deleted).toMatchObject({ id });
	});
});

describe('v2 input is strict: a set field that resolves to nothing or to an unknown option stops the item', () => {
	async function refused(fixture: string, item: IDataObject) {
		const result = await runFixture(sandbox, fixture, [item]);
		expect(sandbox.requests()).toEqual([]);
		return result.error;
	}

	it('refuses a Contact Email expression that gave nothing', async () => {
		const error = await refused('account-v2-create', { name: 'Maker', sellerId: 's_1' });
		expect(error?.message).toBe('Contact Email: is required. Fill it in.');
		expect(error?.description).toContain('Nothing was sent to Stripe');
	});

	it('refuses a use case that is not one of its options, naming them', async () => {
		const error = await refused('account-link-v2-create', {
			account: newV2Account(),
			useCase: 'onboarding',
		});
		expect(error?.message).toMatch(/^Use Case/);
		expect(error?.message).toContain('account_onboarding');
		expect(error?.message).toContain('account_update');
	});

	it('refuses a percent ownership over 100', async () => {
		const error = await refused('person-v2-create', {
			account: newV2Account(),
			surname: 'Rosen',
			share: 120,
		});
		expect(error?.message).toMatch(/^Additional Fields → Percent Ownership/);
	});

	it('refuses a percent ownership expression that gave nothing', async () => {
		const error = await refused('person-v2-create', { account: newV2Account(), surname: 'Rosen' });
		expect(error?.message).toMatch(
			/^Additional Fields → Percent Ownership: is added but its expression gave nothing/,
		);
	});

	it('refuses an account ID that is not one', async () => {
		const error = await refused('account-v2-get', { account: 'person_123' });
		expect(error?.message).toMatch(/^Account ID/);
	});
});

describe('v2 errors name the field to fix', () => {
	it('maps a body parameter Stripe refuses to its node field', async () => {
		const v1Account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const result = await runFixture(sandbox, 'account-link-v2-create', [
			{ account: v1Account, useCase: 'account_onboarding' },
		]);

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toMatch(/^V1 Account ID cannot be used in V2 Account APIs/);
		expect(result.error?.description).toContain(
			'Fix: Check the "Account ID" field (Stripe parameter "account").',
		);
		expect(result.error?.context?.stripe).toMatchObject({
			code: 'v1_account_id_not_supported',
			param: 'account',
			field_to_fix: 'Account ID',
		});
	});

	it('maps a path parameter (account_id) to its node field', async () => {
		const v1Account = sandbox.state.createConnectedAccount({ country: 'US' }).id;

		const result = await runFixture(sandbox, 'person-v2-get', [
			{ account: v1Account, person: 'person_1missing' },
		]);

		expect(result.error?.context?.stripe).toMatchObject({
			param: 'account_id',
			field_to_fix: 'Account ID',
		});
	});

	it("says a missing object is not found (v2's not_found code)", async () => {
		const result = await runFixture(sandbox, 'account-v2-get', [{ account: 'acct_1doesnotexist' }]);

		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe("No such account: 'acct_1doesnotexist'");
		expect(result.error?.description).toContain('Code: not_found');
		expect(result.error?.description).toContain('Fix: Check the ID fields of this operation');
	});
});

describe('the v2 operations in the editor', () => {
	const v2Operations = builtStripeOperations().filter((summary) =>
		summary.recipe.path.startsWith('/v2/'),
	);

	function optionNames(properties: INodeProperties[]): string[] {
		const options = properties.find((property) => property.name === 'options');
		return ((options?.options ?? []) as INodeProperties[]).map((member) => member.name);
	}

	it('are the Account, Account Link and Person V2 operations', () => {
		expect(
			v2Operations.map((summary) => `${summary.resource}.${summary.operation}`).sort(),
		).toEqual(
			[
				'accountLinkV2.create',
				'accountV2.close',
				'accountV2.create',
				'accountV2.get',
				'accountV2.getAll',
				'accountV2.update',
				'personV2.create',
				'personV2.delete',
				'personV2.get',
				'personV2.getAll',
				'personV2.update',
			].sort(),
		);
	});

	it('offer Stripe Context but not Connected Account (v2 takes no Stripe-Account), and no Expand', () => {
		for (const summary of v2Operations) {
			const names = optionNames(summary.properties);
			expect(names, `${summary.resource}.${summary.operation}`).toContain('stripeContext');
			expect(names).not.toContain('connectedAccount');
			expect(names).not.toContain('expand');
		}
	});

	it('offer Idempotency on every POST and DELETE', () => {
		for (const summary of v2Operations.filter((operation) => operation.recipe.method !== 'GET')) {
			expect(optionNames(summary.properties)).toEqual(
				expect.arrayContaining(['idempotency', 'idempotencyKey']),
			);
		}
	});
});
