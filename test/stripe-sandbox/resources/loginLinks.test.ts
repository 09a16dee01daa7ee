import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../../stripe-sandbox';
import { startSandboxWithSdk } from '../helpers';

describe('login links', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	beforeEach(async () => {
		({ sandbox, stripe } = await startSandboxWithSdk({ now: 1_750_000_000 }));
	});
	afterEach(() => sandbox.close());

	it('creates Express dashboard login links and refuses them for Standard accounts', async () => {
		const express = sandbox.state.createConnectedAccount({ type: 'express' });
		const standard = sandbox.state.createConnectedAccount({ type: 'standard' });
		expect((await stripe.accounts.createLoginLink(express.id)).url).toMatch(
			/^https:\/\/connect\.stripe\.com\/express\//,
		);
		await expect(stripe.accounts.createLoginLink(standard.id)).rejects.toMatchObject({
			statusCode: 400,
		});
	});
});
