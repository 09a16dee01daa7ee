import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import { startSandboxWithSdk, v2RecipientParams } from '../../helpers';

describe('v2 account persons', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let accountId: string;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
		accountId = sandbox.state.createV2Account(
			v2RecipientParams({ country: 'de', entity_type: 'company' }, 'owner@shop.test'),
		).id;
	});
	afterEach(() => sandbox.close());

	it('creates, retrieves, updates, lists and deletes persons, with their events', async () => {
		const owner = await stripe.v2.core.accounts.persons.create(accountId, {
			given_name: 'Ada',
			surname: 'Lovelace',
			email: 'ada@shop.test',
			relationship: { owner: true, percent_ownership: '60' as never, title: 'CEO' },
			id_numbers: [{ type: 'de_stn' as never, value: '123' }],
			metadata: { kyc: 'pending' },
		});
		expect(JSON.parse(sandbox.requests()[0].rawBody).relationship).toEqual({
			owner: true,
			percent_ownership: '60',
			title: 'CEO',
		});
		expect(owner).toMatchObject({
			object: 'v2.core.account_person',
			account: accountId,
			given_name: 'Ada',
			id_numbers: [{ type: 'de_stn' }],
			metadata: { kyc: 'pending' },
			created: '2025-06-15T15:06:40.000Z',
		});
		expect(String(owner.relationship?.percent_ownership)).toBe('60');
		const second = await stripe.v2.core.accounts.persons.create(accountId, { given_name: 'Grace' });
		expect((await stripe.v2.core.accounts.persons.retrieve(accountId, owner.id)).email).toBe(
			'ada@shop.test',
		);
		const updated = await stripe.v2.core.accounts.persons.update(accountId, owner.id, {
			relationship: { director: true },
			metadata: { kyc: null as never },
		});
		expect(updated.relationship).toMatchObject({ owner: true, director: true, title: 'CEO' });
		expect(updated.metadata).toEqual({});
		const listed = await stripe.v2.core.accounts.persons.list(accountId, { limit: 1 });
		expect(listed.data.map((person) => person.id)).toEqual([second.id]);
		expect(listed.next_page_url).toMatch(/^\/v2\/core\/accounts\/acct_\w+\/persons\?page=/);
		expect(await stripe.v2.core.accounts.persons.del(accountId, owner.id)).toMatchObject({
			id: owner.id,
			object: 'v2.core.account_person',
		});
		await expect(
			stripe.v2.core.accounts.persons.retrieve(accountId, owner.id),
		).rejects.toMatchObject({
			statusCode: 404,
			code: 'not_found',
		});
		const events = await stripe.v2.core.events.list({
			types: [
				'v2.core.account_person.created',
				'v2.core.account_person.updated',
				'v2.core.account_person.deleted',
			],
		});
		expect(events.data.map((event) => event.type)).toEqual([
			'v2.core.account_person.deleted',
			'v2.core.account_person.updated',
			'v2.core.account_person.created',
			'v2.core.account_person.created',
		]);
		expect(events.data[0]).toMatchObject({
			related_object: {
				id: owner.id,
				type: 'v2.core.account_person',
				url: `/v2/core/accounts/${accountId}/persons/${owner.id}`,
			},
			data: { account_id: accountId },
		});
	});

	it('refuses unknown fields and an ownership that is not a percentage', async () => {
		await expect(
			stripe.v2.core.accounts.persons.create(accountId, { first_name: 'Ada' } as never),
		).rejects.toMatchObject({ statusCode: 400, param: 'first_name' });
		await expect(
			stripe.v2.core.accounts.persons.create(accountId, {
				relationship: { percent_ownership: '140' as never },
			}),
		).rejects.toMatchObject({ param: 'relationship.percent_ownership' });
		await expect(
			stripe.v2.core.accounts.persons.create('acct_missing', { given_name: 'x' }),
		).rejects.toMatchObject({ statusCode: 404 });
	});
});
