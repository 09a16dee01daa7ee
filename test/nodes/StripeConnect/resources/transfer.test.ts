import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixtureOk, useTransfers } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let destination: string;

const createTransfer = useTransfers((started) => ({ sandbox, destination } = started));

describe('Transfer', () => {
	it('creates a transfer with group, description and metadata in one form-encoded POST', async () => {
		const [transfer] = await runFixtureOk(sandbox, 'transfer-create', [
			{ destination, amount: 2500 },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/transfers',
			rawBody: `amount=2500&currency=eur&destination=${destination}&description=Order%2042%20payout&transfer_group=order_42&metadata[order_id]=42`,
		});
		expect(transfer).toMatchObject({
			object: 'transfer',
			amount: 2500,
			currency: 'eur',
			destination,
			transfer_group: 'order_42',
			metadata: { order_id: '42' },
		});
	});

	it('gets a transfer with expanded fields', async () => {
		const id = await createTransfer(300);
		sandbox.clearRequests();

		const [transfer] = await runFixtureOk(sandbox, 'transfer-get', [{ transfer: id }]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/transfers/${id}`,
			rawQuery: 'expand[0]=destination&expand[1]=balance_transaction',
		});
		expect(transfer.id).toBe(id);
		expect((transfer.destination as { id: string }).id).toBe(destination);
	});

	it('lists transfers to one destination and group, one item per transfer', async () => {
		const ids = [await createTransfer(101), await createTransfer(102)];
		sandbox.clearRequests();

		const transfers = await runFixtureOk(sandbox, 'transfer-get-many', [
			{ destination, group: 'order_42', returnAll: true, limit: 1 },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/transfers',
			rawQuery: `destination=${destination}&transfer_group=order_42&limit=100`,
		});
		expect(transfers.map((transfer) => transfer.id)).toEqual(expect.arrayContaining(ids));
		expect(transfers.every((transfer) => transfer.destination === destination)).toBe(true);
	});

	it('updates a transfer: sets the description, clears one metadata key, sets another', async () => {
		const id = await createTransfer(400);
		sandbox.clearRequests();

		const [transfer] = await runFixtureOk(sandbox, 'transfer-update', [
			{ transfer: id, description: 'Paid twice, refunded' },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/transfers/${id}`,
			rawBody:
				'description=Paid%20twice%2C%20refunded&metadata[order_id]=&metadata[note]=paid%20twice',
		});
		expect(transfer.description).toBe('Paid twice, refunded');
		expect(transfer.metadata).toEqual({ note: 'paid twice' });
	});

	it('sends no description when its field resolves blank (Stripe cannot empty a transfer description)', async () => {
		const id = await createTransfer(401);
		await runFixtureOk(sandbox, 'transfer-update', [{ transfer: id, description: 'Kept' }]);
		sandbox.clearRequests();

		const [transfer] = await runFixtureOk(sandbox, 'transfer-update', [
			{ transfer: id, description: '' },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/transfers/${id}`,
			rawBody: 'metadata[order_id]=&metadata[note]=paid%20twice',
		});
		expect(transfer.description).toBe('Kept');
	});
});
