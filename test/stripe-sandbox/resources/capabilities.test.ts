import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startSandboxWithSdk } from '../helpers';

describe('capabilities', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('lists, reads and requests capabilities', async () => {
		const seller = sandbox.state.createConnectedAccount({ capabilities: { transfers: 'active' } });
		expect(
			(await stripe.accounts.listCapabilities(seller.id)).data.map((capability) => [
				capability.id,
				capability.status,
			]),
		).toEqual([['transfers', 'active']]);
		const requested = await stripe.accounts.updateCapability(seller.id, 'card_payments', {
			requested: true,
		});
		expect(requested).toMatchObject({
			id: 'card_payments',
			requested: true,
			status: 'inactive',
			account: seller.id,
		});
		await expect(
			stripe.accounts.retrieveCapability(seller.id, 'tax_reporting_us_1099_k'),
		).rejects.toMatchObject({ statusCode: 404 });
	});

	it('moves capabilities with setCapabilities and emits capability.updated', async () => {
		const seller = sandbox.state.createConnectedAccount();
		sandbox.state.setCapabilities(seller.id, { transfers: 'inactive' });
		const events = await stripe.events.list(
			{ types: ['capability.updated', 'account.updated'] },
			{ stripeAccount: seller.id },
		);
		expect(events.data.map((event) => event.type)).toEqual([
			'account.updated',
			'capability.updated',
		]);
		expect(events.data[1].data.object).toMatchObject({ id: 'transfers', status: 'inactive' });
	});
});
