import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import { startSandboxWithSdk } from '../../helpers';

describe('v2 account links', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let accountId: string;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
		accountId = sandbox.state.createV2Account({
			contact_email: 'owner@shop.test',
			identity: { country: 'us' },
			configuration: { merchant: { capabilities: { card_payments: { requested: true } } } },
		}).id;
	});
	afterEach(() => sandbox.close());

	it('creates an onboarding link that expires in five minutes and echoes the use case', async () => {
		const useCase: Stripe.V2.Core.AccountLinkCreateParams.UseCase = {
			type: 'account_onboarding',
			account_onboarding: {
				refresh_url: 'https://shop.test/refresh',
				return_url: 'https://shop.test/return',
				collection_options: { fields: 'eventually_due' },
			},
		};
		const link = await stripe.v2.core.accountLinks.create({
			account: accountId,
			use_case: useCase,
		});
		expect(link).toEqual({
			object: 'v2.core.account_link',
			account: accountId,
			created: '2025-06-15T15:06:40.000Z',
			expires_at: '2025-06-15T15:11:40.000Z',
			livemode: false,
			url: expect.stringMatching(
				new RegExp(`^https://connect\\.stripe\\.com/d/setup/${accountId}/onboarding_`),
			),
			use_case: useCase,
		});
		expect(JSON.parse(sandbox.requests()[0].rawBody)).toEqual({
			account: accountId,
			use_case: useCase,
		});
	});

	it('announces the link as returned when the account holder completes onboarding', async () => {
		await stripe.v2.core.accountLinks.create({
			account: accountId,
			use_case: { type: 'account_update', account_update: { refresh_url: 'https://shop.test/r' } },
		});
		sandbox.state.completeAccountOnboarding(accountId);
		const events = await stripe.v2.core.events.list();
		expect(events.data.map((event) => event.type)).toEqual([
			'v2.core.account[requirements].updated',
			'v2.core.account[configuration.merchant].capability_status_updated',
			'v2.core.account_link.returned',
			'v2.core.account.created',
		]);
		const returned = events.data[2] as Stripe.V2.Core.Events.V2CoreAccountLinkReturnedEvent;
		expect(returned.data).toEqual({
			account_id: accountId,
			configurations: ['merchant'],
			use_case: 'account_update',
		});
		expect((events.data[1] as { data: unknown }).data).toEqual({
			updated_capability: 'card_payments',
		});
	});

	it('refuses a missing refresh URL, an unknown use case and a v1 account, naming the field', async () => {
		await expect(
			stripe.v2.core.accountLinks.create({
				account: accountId,
				use_case: { type: 'account_onboarding', account_onboarding: {} as never },
			}),
		).rejects.toMatchObject({ statusCode: 400, param: 'use_case.account_onboarding.refresh_url' });
		await expect(
			stripe.v2.core.accountLinks.create({
				account: accountId,
				use_case: { type: 'account_takeover' as never },
			}),
		).rejects.toMatchObject({ param: 'use_case.type' });
		const v1 = sandbox.state.createConnectedAccount();
		await expect(
			stripe.v2.core.accountLinks.create({
				account: v1.id,
				use_case: {
					type: 'account_onboarding',
					account_onboarding: { refresh_url: 'https://s.test/r' },
				},
			}),
		).rejects.toMatchObject({ statusCode: 400, param: 'account' });
	});
});
