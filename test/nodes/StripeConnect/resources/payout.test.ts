import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let account: string;

useSandbox(async (started) => {
	sandbox = started;
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ account, currency: 'usd', amount: 500_00 });
});

describe('Payout', () => {
	it('pays out a connected account, converting a major-unit amount exactly', async () => {
		const [payout] = await runFixtureOk(sandbox, 'payout-create', [{ account, amount: 12.34 }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payouts',
			stripeAccount: account,
			rawBody:
				'amount=1234&currency=usd&method=standard&description=Weekly%20earnings&statement_descriptor=MAKER%20PAYOUT&metadata[week]=2026-47',
		});
		expect(payout).toMatchObject({
			object: 'payout',
			amount: 1234,
			currency: 'usd',
			method: 'standard',
		});
	});

	it('gets a payout of a connected account', async () => {
		const created = sandbox.state.createManualPayout({ account, amount: 700, currency: 'usd' });

		const [payout] = await runFixtureOk(sandbox, 'payout-get', [{ account, payout: created.id }]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: `/v1/payouts/${created.id}`,
			stripeAccount: account,
		});
		expect(payout).toMatchObject({ id: created.id, amount: 700 });
	});

	it('lists paid payouts filtered by arrival date and creation date', async () => {
		const other = sandbox.state.createConnectedAccount({ country: 'US' }).id;
		const paid = sandbox.state.createManualPayout({ account: other, amount: 900, currency: 'usd' });
		sandbox.state.createManualPayout({
			account: other,
			amount: 901,
			currency: 'usd',
			status: 'pending',
		});
		const before = sandbox.now() + 10;

		const payouts = await runFixtureOk(sandbox, 'payout-get-many', [
			{ account: other, before: new Date(before * 1000).toISOString() },
		]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/payouts',
			stripeAccount: other,
			rawQuery: `arrival_date[gte]=1767225600&created[lte]=${before}&status=paid&limit=100`,
		});
		expect(payouts.map((payout) => payout.id)).toEqual([paid.id]);
	});

	it('clears all metadata of a payout', async () => {
		const created = sandbox.state.createManualPayout({
			account,
			amount: 800,
			currency: 'usd',
			metadata: { a: '1', b: '2' },
		});

		const [payout] = await runFixtureOk(sandbox, 'payout-update', [
			{ account, payout: created.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payouts/${created.id}`,
			stripeAccount: account,
			rawBody: 'metadata=',
		});
		expect(payout.metadata).toEqual({});
	});

	it('cancels a pending payout', async () => {
		const created = sandbox.state.createManualPayout({
			account,
			amount: 600,
			currency: 'usd',
			status: 'pending',
		});

		const [payout] = await runFixtureOk(sandbox, 'payout-cancel', [
			{ account, payout: created.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payouts/${created.id}/cancel`,
			stripeAccount: account,
		});
		expect(payout).toMatchObject({ id: created.id, status: 'canceled' });
	});

	it('reverses a paid payout with metadata', async () => {
		const created = sandbox.state.createManualPayout({ account, amount: 500, currency: 'usd' });

		const [reversal] = await runFixtureOk(sandbox, 'payout-reverse', [
			{ account, payout: created.id },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/payouts/${created.id}/reverse`,
			stripeAccount: account,
			rawBody: 'metadata[reason]=duplicate',
		});
		expect(reversal).toMatchObject({ object: 'payout', metadata: { reason: 'duplicate' } });
		expect(reversal.id).not.toBe(created.id);
	});
});
