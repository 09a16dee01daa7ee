import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startSandboxWithSdk } from '../helpers';

describe('account sessions', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('creates a session with the requested components enabled and every other one off', async () => {
		const express = sandbox.state.createConnectedAccount({ type: 'express' });
		const session = await stripe.accountSessions.create({
			account: express.id,
			components: { payouts: { enabled: true, features: { instant_payouts: true } } },
		});
		expect(session.client_secret).toMatch(/^accs_secret__/);
		expect(session.components.payouts).toMatchObject({
			enabled: true,
			features: { instant_payouts: true, standard_payouts: false },
		});
		expect(session.components.payments.enabled).toBe(false);
	});
});
