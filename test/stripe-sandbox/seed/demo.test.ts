import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../../stripe-sandbox';
import { previousIsoWeekStart } from '../../../stripe-sandbox/seed/demo';
import { sandboxStripe } from '../helpers';

// Thursday 2025-11-20 12:00 UTC: the previous complete ISO week is Mon 10 – Sun 16 November.
const NOW = Date.UTC(2025, 10, 20, 12) / 1000;

const HOUR = 3600;
// The default window of `npm run reconcile`: the last 24 hours plus a 6-hour overlap.
const WINDOW_START = NOW - 30 * HOUR;

describe('the demo seed', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let demo: NonNullable<StripeSandbox['demo']>;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: 'demo', now: NOW });
		stripe = sandboxStripe(sandbox);
		demo = sandbox.demo as NonNullable<StripeSandbox['demo']>;
	});
	afterAll(() => sandbox.close());

	it('computes the previous complete ISO week', () => {
		expect(previousIsoWeekStart(NOW)).toBe(Date.UTC(2025, 10, 10) / 1000);
		expect(previousIsoWeekStart(Date.UTC(2025, 10, 17) / 1000)).toBe(Date.UTC(2025, 10, 10) / 1000);
		expect(previousIsoWeekStart(Date.UTC(2025, 10, 16, 23, 59) / 1000)).toBe(
			Date.UTC(2025, 10, 3) / 1000,
		);
	});

	it('builds about 30 Express and Standard accounts in several countries and currencies', async () => {
		const accounts = await stripe.accounts.list({ limit: 100 });
		expect(accounts.data).toHaveLength(30);
		expect(new Set(accounts.data.map((account) => account.country))).toEqual(
			new Set(['US', 'GB', 'DE', 'FR', 'JP', 'CA', 'AU', 'NL']),
		);
		expect(new Set(accounts.data.map((account) => account.default_currency))).toEqual(
			new Set(['usd', 'gbp', 'eur', 'jpy', 'cad', 'aud']),
		);
		expect(new Set(accounts.data.map((account) => account.type))).toEqual(
			new Set(['express', 'standard']),
		);
	});

	it('is deterministic', async () => {
		const again = await startSandbox({ seed: 'demo', now: NOW });
		try {
			expect(again.demo).toEqual(demo);
			expect(again.state.listObjects('payment_intent')).toEqual(
				sandbox.state.listObjects('payment_intent'),
			);
		} finally {
			await again.close();
		}
	});

	it('has reconciled automatic payouts whose transactions add up', async () => {
		const account = demo.accounts[10].id;
		const payouts = (
			await stripe.payouts.list({ limit: 100 }, { stripeAccount: account })
		).data.filter((payout) => payout.automatic);
		expect(payouts.length).toBeGreaterThanOrEqual(3);
		for (const payout of payouts) {
			expect(payout).toMatchObject({ status: 'paid', reconciliation_status: 'completed' });
			const transactions = await stripe.balanceTransactions.list(
				{ payout: payout.id, limit: 100 },
				{ stripeAccount: account },
			);
			const net = transactions.data
				.filter((item) => item.type !== 'payout')
				.reduce((sum, item) => sum + item.net, 0);
			expect(net).toBe(payout.amount);
		}
	});

	it('has the special payouts: failed, mismatch, overdue, manual and instant', async () => {
		const ownerOf = (id: string) =>
			demo.accounts.find((account) =>
				sandbox.state.listObjects('payout', account.id).some((payout) => payout.id === id),
			)?.id;
		const payout = async (id: string) =>
			stripe.payouts.retrieve(id, {}, { stripeAccount: ownerOf(id) });
		expect(await payout(demo.payouts.failed)).toMatchObject({
			status: 'failed',
			failure_code: 'account_closed',
			automatic: true,
		});
		const mismatch = await payout(demo.payouts.mismatch);
		const attributed = (
			await stripe.balanceTransactions.list(
				{ payout: mismatch.id },
				{ stripeAccount: ownerOf(mismatch.id) },
			)
		).data
			.filter((item) => item.type !== 'payout')
			.reduce((sum, item) => sum + item.net, 0);
		expect(mismatch.amount - attributed).toBe(137);
		const overdue = await payout(demo.payouts.overdueInTransit);
		expect(overdue.status).toBe('in_transit');
		expect(overdue.arrival_date).toBeLessThan(NOW);
		expect(await payout(demo.payouts.manual)).toMatchObject({
			automatic: false,
			method: 'standard',
			reconciliation_status: 'not_applicable',
		});
		expect(await payout(demo.payouts.instant)).toMatchObject({
			automatic: false,
			method: 'instant',
		});
	});

	it('has a dispute', async () => {
		const disputes = await stripe.disputes.list();
		expect(disputes.data.map((dispute) => dispute.id)).toEqual([demo.dispute]);
	});

	it('has tipped payment intents in the previous ISO week, including the special cases', async () => {
		const query = `created>=${demo.tipWeek.start} AND created<${demo.tipWeek.end} AND status:'succeeded'`;
		const found: Stripe.PaymentIntent[] = [];
		for await (const intent of stripe.paymentIntents.search({ query, limit: 100 }))
			found.push(intent);
		const tipped = found.filter((intent) => intent.metadata.tip_amount !== undefined);
		expect(tipped.map((intent) => intent.id).sort()).toEqual([...demo.tippedPaymentIntents].sort());
		for (const intent of tipped) {
			expect(Number.isInteger(Number(intent.metadata.tip_amount))).toBe(true);
			expect(intent.metadata.tip_recipient).toMatch(/^acct_/);
		}
		const charge = async (id: string) =>
			stripe.charges.retrieve(found.find((intent) => intent.id === id)?.latest_charge as string);
		const partly = await charge(demo.specialTips.partlyRefunded);
		expect(partly.amount_refunded).toBeGreaterThan(0);
		expect(partly.refunded).toBe(false);
		expect((await charge(demo.specialTips.fullyRefunded)).refunded).toBe(true);
		const inactive = found.find(
			(intent) => intent.id === demo.specialTips.inactiveRecipient,
		) as Stripe.PaymentIntent;
		const recipient = await stripe.accounts.retrieve(inactive.metadata.tip_recipient);
		expect(recipient.capabilities?.transfers).toBe('inactive');
		expect(
			(found.find((intent) => intent.id === demo.specialTips.belowMinimum) as Stripe.PaymentIntent)
				.metadata.tip_amount,
		).toBe('30');
	});

	it('funds the platform in every currency so tips can be transferred', async () => {
		const balance = await stripe.balance.retrieve();
		for (const currency of ['usd', 'gbp', 'eur', 'jpy', 'cad', 'aud']) {
			expect(
				balance.available.find((entry) => entry.currency === currency)?.amount,
			).toBeGreaterThan(100_000);
		}
	});
});

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
	// test/functions/reconcilePayouts/cli.test.ts.
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
