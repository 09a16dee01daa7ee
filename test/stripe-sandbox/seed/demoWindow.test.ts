import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { sandboxStripe } from '../helpers';

const HOUR = 3600;
// Thursday 2025-11-20 12:00 UTC.
const NOW = Date.UTC(2025, 10, 20, 12) / 1000;
// The default window of `npm run reconcile`: the last 24 hours plus a 6-hour overlap.
const WINDOW_START = NOW - 30 * HOUR;

describe("the demo seed's payouts in the default reconciliation window", () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let demo: NonNullable<StripeSandbox['demo']>;
	let arrivedInWindow: Array<{ account: string; payout: Stripe.Payout }>;

	beforeAll(async () => {
		sandbox = await startSandbox({ seed: 'demo', now: NOW });
		stripe = sandboxStripe(sandbox);
		demo = sandbox.demo as NonNullable<StripeSandbox['demo']>;
		arrivedInWindow = [];
		for (const { id } of demo.accounts) {
			const payouts = await stripe.payouts.list(
				{ arrival_date: { gte: WINDOW_START, lt: NOW }, limit: 100 },
				{ stripeAccount: id },
			);
			arrivedInWindow.push(...payouts.data.map((payout) => ({ account: id, payout })));
		}
	});
	afterAll(() => sandbox.close());

	it('pays out every daily account except the one whose bank account closed', () => {
		expect(demo.payouts.reconciledYesterday).toHaveLength(23);
		const owners = new Set(
			arrivedInWindow
				.filter(({ payout }) => demo.payouts.reconciledYesterday.includes(payout.id))
				.map(({ account }) => account),
		);
		expect(owners.size).toBe(23);
		const failedOwner = arrivedInWindow.find(({ payout }) => payout.id === demo.payouts.failed);
		expect(failedOwner && owners.has(failedOwner.account)).toBe(false);
	});

	// Whether their balance transactions add up is what `npm run reconcile` checks:
	// test/functions/reconcilePayouts/demoSeed.test.ts.
	it('makes paid automatic payouts most of what arrived', () => {
		const everyday = arrivedInWindow.filter(({ payout }) =>
			demo.payouts.reconciledYesterday.includes(payout.id),
		);
		expect(everyday.length).toBeGreaterThan(arrivedInWindow.length * 0.75);
		for (const { payout } of everyday) {
			expect(payout).toMatchObject({
				automatic: true,
				status: 'paid',
				reconciliation_status: 'completed',
			});
		}
	});

	it('keeps the problems in the same window', () => {
		const arrivedIds = arrivedInWindow.map(({ payout }) => payout.id);
		expect(arrivedIds).toEqual(
			expect.arrayContaining([demo.payouts.failed, demo.payouts.mismatch, demo.payouts.instant]),
		);
	});
});
