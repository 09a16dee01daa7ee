import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeSandbox } from '../../stripe-sandbox';
import { callSandbox, useMarketplace } from './helpers';

describe('object routes', () => {
	let sandbox: StripeSandbox;
	let stripe: Stripe;
	let seller: Stripe.Account;
	useMarketplace(
		{ now: 1_750_000_000, platformUsd: 10_000 },
		(started) => ({ sandbox, stripe, seller } = started),
	);

	it('answers 404 naming the object and the parameter when the path names none', async () => {
		const payout = await callSandbox(sandbox, 'GET', '/v1/payouts/po_missing');
		expect(payout.status).toBe(404);
		expect(payout.body.error).toMatchObject({
			code: 'resource_missing',
			message: "No such payout: 'po_missing'",
			param: 'id',
		});
		const refund = await callSandbox(sandbox, 'GET', '/v1/refunds/re_missing');
		expect(refund.status).toBe(404);
		expect(refund.body.error).toMatchObject({
			message: "No such refund: 're_missing'",
			param: 'refund',
		});
	});

	it('finds a nested object only under the parent it belongs to', async () => {
		const [first, second] = await Promise.all(
			[1_000, 2_000].map((amount) =>
				stripe.transfers.create({ amount, currency: 'usd', destination: seller.id }),
			),
		);
		const reversal = await stripe.transfers.createReversal(first.id, { amount: 100 });
		expect((await stripe.transfers.retrieveReversal(first.id, reversal.id)).id).toBe(reversal.id);
		const elsewhere = await callSandbox(
			sandbox,
			'GET',
			`/v1/transfers/${second.id}/reversals/${reversal.id}`,
		);
		expect(elsewhere.status).toBe(404);
		expect(elsewhere.body.error).toMatchObject({
			message: `No such transfer reversal: '${reversal.id}'`,
			param: 'id',
		});
		expect((await stripe.transfers.listReversals(second.id)).data).toEqual([]);
		expect((await stripe.transfers.listReversals(first.id)).data.map((item) => item.id)).toEqual([
			reversal.id,
		]);
	});

	it('lists newest first with the filters of the list', async () => {
		const older = await stripe.transfers.create({
			amount: 100,
			currency: 'usd',
			destination: seller.id,
			transfer_group: 'ORDER_1',
		});
		await sandbox.advanceTime(10);
		const newer = await stripe.transfers.create({
			amount: 200,
			currency: 'usd',
			destination: seller.id,
			transfer_group: 'ORDER_1',
		});
		await stripe.transfers.create({
			amount: 300,
			currency: 'usd',
			destination: seller.id,
			transfer_group: 'ORDER_2',
		});
		const listed = await stripe.transfers.list({ transfer_group: 'ORDER_1' });
		expect(listed.data.map((transfer) => transfer.id)).toEqual([newer.id, older.id]);
	});

	it('merges a metadata update and announces it with the previous metadata', async () => {
		const payout = await stripe.payouts.create({
			amount: 1_000,
			currency: 'usd',
			metadata: { order: '1', batch: 'a' },
		});
		const updated = await stripe.payouts.update(payout.id, {
			metadata: { batch: '', note: 'checked' },
		});
		expect(updated.metadata).toEqual({ order: '1', note: 'checked' });
		const [event] = (await stripe.events.list({ type: 'payout.updated' })).data;
		expect(event.data.object).toMatchObject({ id: payout.id, metadata: updated.metadata });
		expect(event.data.previous_attributes).toEqual({ metadata: { order: '1', batch: 'a' } });
	});

	it('updates the metadata of a nested object without an event', async () => {
		const transfer = await stripe.transfers.create({
			amount: 1_000,
			currency: 'usd',
			destination: seller.id,
		});
		const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 100 });
		const eventsBefore = (await stripe.events.list({ limit: 100 })).data.length;
		const updated = await stripe.transfers.updateReversal(transfer.id, reversal.id, {
			metadata: { reason: 'duplicate' },
		});
		expect(updated.metadata).toEqual({ reason: 'duplicate' });
		expect((await stripe.events.list({ limit: 100 })).data).toHaveLength(eventsBefore);
	});
});
