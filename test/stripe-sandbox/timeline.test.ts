import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type StripeSandbox } from '../../stripe-sandbox';
import { sandboxStripe, startWebhookReceiver } from './helpers';

const NOW = 1_750_000_000;
const DAY = 86_400;

describe('advanceTime', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
	let seller: Stripe.Account;
	beforeEach(async () => {
		sandbox = await startSandbox({ now: NOW });
		stripe = sandboxStripe(sandbox);
		receiver = await startWebhookReceiver();
		seller = sandbox.state.createConnectedAccount();
		await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: [
				'payout.updated',
				'payout.paid',
				'payout.failed',
				'payout.reconciliation_completed',
				'balance.available',
			],
			connect: true,
		});
	});
	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	const receivedTypes = () =>
		receiver.received
			.map((delivery) => JSON.parse(delivery.rawBody) as Stripe.Event)
			.map((event) => `${event.type}:${event.account}`);

	it('moves the clock and never back', async () => {
		expect(sandbox.now()).toBe(NOW);
		expect(await sandbox.advanceTime(3600)).toBe(NOW + 3600);
		expect(sandbox.now()).toBe(NOW + 3600);
		await expect(sandbox.advanceTime(-1)).rejects.toThrow('non-negative');
	});

	it('settles an automatic payout to paid, completes reconciliation and has delivered the events when it resolves', async () => {
		const payout = sandbox.state.createAutomaticPayout({
			account: seller.id,
			currency: 'usd',
			amount: 2_000,
			status: 'pending',
			arrival_date: NOW + DAY,
		});
		expect(payout.reconciliation_status).toBe('in_progress');
		await sandbox.advanceTime(60);
		expect(sandbox.state.getObject(payout.id)).toMatchObject({ status: 'in_transit' });
		expect(receivedTypes()).toEqual([`payout.updated:${seller.id}`]);
		await sandbox.advanceTime(DAY);
		expect(sandbox.state.getObject(payout.id)).toMatchObject({
			status: 'paid',
			reconciliation_status: 'completed',
		});
		expect(receivedTypes()).toEqual([
			`payout.updated:${seller.id}`,
			`payout.updated:${seller.id}`,
			`payout.paid:${seller.id}`,
			`payout.reconciliation_completed:${seller.id}`,
		]);
		const paidEvent = JSON.parse(receiver.received[2].rawBody) as Stripe.Event;
		expect(paidEvent.created).toBe(NOW + 60 + DAY);
		expect((paidEvent.data.object as Stripe.Payout).status).toBe('paid');
	});

	it('keeps a payout in transit until its arrival date', async () => {
		const payout = sandbox.state.createManualPayout({
			account: seller.id,
			amount: 500,
			currency: 'usd',
			status: 'in_transit',
			arrival_date: NOW + 3 * DAY,
		});
		await sandbox.advanceTime(2 * DAY);
		expect(sandbox.state.getObject(payout.id)).toMatchObject({ status: 'in_transit' });
		await sandbox.advanceTime(DAY);
		expect(sandbox.state.getObject(payout.id)).toMatchObject({
			status: 'paid',
			reconciliation_status: 'not_applicable',
		});
	});

	it('fails a payout planned to fail and returns the funds', async () => {
		const payout = sandbox.state.createAutomaticPayout({
			account: seller.id,
			currency: 'usd',
			amount: 900,
			status: 'pending',
			willFail: true,
			failure_code: 'no_account',
			arrival_date: NOW + DAY,
		});
		await sandbox.advanceTime(DAY);
		expect(sandbox.state.getObject(payout.id)).toMatchObject({
			status: 'failed',
			failure_code: 'no_account',
			reconciliation_status: 'not_applicable',
		});
		expect(receivedTypes()).toEqual([
			`payout.updated:${seller.id}`,
			`payout.updated:${seller.id}`,
			`payout.failed:${seller.id}`,
		]);
		const balance = await stripe.balance.retrieve({}, { stripeAccount: seller.id });
		expect(balance.available[0].amount).toBe(900);
	});

	it('releases pending funds once and announces balance.available with the new balance', async () => {
		sandbox.state.fundBalance({
			account: seller.id,
			currency: 'usd',
			amount: 1_500,
			pending: true,
			available_on: NOW + DAY,
		});
		await sandbox.advanceTime(DAY - 1);
		expect(receivedTypes()).toEqual([]);
		await sandbox.advanceTime(1);
		await sandbox.advanceTime(DAY);
		expect(receivedTypes()).toEqual([`balance.available:${seller.id}`]);
		const event = JSON.parse(receiver.received[0].rawBody) as Stripe.Event;
		expect((event.data.object as Stripe.Balance).available).toEqual([
			{ amount: 1_500, currency: 'usd', source_types: { card: 1_500 } },
		]);
	});

	it('runs the payout schedule on demand and pays out what was not yet paid out', async () => {
		const weekly = sandbox.state.createConnectedAccount({ payoutSchedule: { interval: 'manual' } });
		sandbox.state.fundBalance({ currency: 'usd', amount: 10_000 });
		await stripe.transfers.create({ amount: 1_200, currency: 'usd', destination: seller.id });
		await stripe.transfers.create({ amount: 800, currency: 'usd', destination: seller.id });
		await stripe.transfers.create({ amount: 500, currency: 'usd', destination: weekly.id });
		const [payout] = sandbox.state.runAutomaticPayouts();
		expect(payout).toMatchObject({
			amount: 2_000,
			automatic: true,
			status: 'pending',
			reconciliation_status: 'in_progress',
			arrival_date: NOW + 2 * DAY,
		});
		expect(sandbox.state.listObjects('payout', weekly.id)).toEqual([]);
		const listed = await stripe.balanceTransactions.list(
			{ payout: payout.id },
			{ stripeAccount: seller.id },
		);
		expect(listed.data.map((item) => [item.type, item.amount]).sort()).toEqual(
			[
				['payment', 1_200],
				['payment', 800],
				['payout', -2_000],
			].sort(),
		);
		expect(sandbox.state.runAutomaticPayouts(seller.id)).toEqual([]);
		await sandbox.advanceTime(2 * DAY);
		expect(sandbox.state.getObject(payout.id)).toMatchObject({
			status: 'paid',
			reconciliation_status: 'completed',
		});
	});

	it('does nothing when advanced by zero seconds', async () => {
		const payout = sandbox.state.createManualPayout({
			account: seller.id,
			amount: 500,
			currency: 'usd',
			status: 'pending',
		});
		await sandbox.advanceTime(0);
		expect(sandbox.state.getObject(payout.id)).toMatchObject({ status: 'pending' });
	});
});
