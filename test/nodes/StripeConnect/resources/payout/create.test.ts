import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../../stripe-sandbox';
import {
	expectSingleRequest,
	runFixture,
	runFixtureOk,
	useSandbox,
} from '../../support/fixtureRuns';

let sandbox: StripeSandbox;
let account: string;

useSandbox((started) => {
	sandbox = started;
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ account, currency: 'usd', amount: 500_00 });
});

const FIXTURE = 'payout-create-method-input';

describe('Payout → Create, standard or instant', () => {
	it.each([
		['instant', 1800],
		['standard', 2 * 86400],
	])('pays out with method=%s', async (method, arrivesAfter) => {
		const before = sandbox.now();
		const amount = method === 'instant' ? 2500 : 2600;

		const [payout] = await runFixtureOk(sandbox, FIXTURE, [{ account, amount, method }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: '/v1/payouts',
			stripeAccount: account,
			rawBody: `amount=${amount}&currency=usd&method=${method}`,
		});
		expect(payout).toMatchObject({ object: 'payout', amount, method, status: 'pending' });
		expect(payout.arrival_date).toBe(before + arrivesAfter);
	});

	it.each([
		['a wrongly cased method', 'Instant', /^Method: "Instant" is not one of.*standard.*instant/],
		['a blank method', '', /^Method: /],
		['a method Stripe does not have', 'express', /^Method: "express" is not one of/],
	])('refuses %s before sending anything', async (_case, method, message) => {
		const result = await runFixture(sandbox, FIXTURE, [{ account, amount: 100, method }]);

		expect(result.error?.message).toMatch(message);
		expect(sandbox.requests()).toEqual([]);
	});

	it("reports Stripe's refusal when the external account cannot take instant payouts", async () => {
		const other = sandbox.state.createConnectedAccount({ country: 'US' }).id;
		sandbox.state.fundBalance({ account: other, currency: 'usd', amount: 100_00 });
		sandbox.state.setPayoutMethods(other, ['standard']);

		const result = await runFixture(sandbox, FIXTURE, [
			{ account: other, amount: 1000, method: 'instant' },
		]);

		const [request] = sandbox.requests();
		expect(request.status).toBe(400);
		expect(request.rawBody).toBe('amount=1000&currency=usd&method=instant');
		expect(result.error?.message).toContain('does not support instant payouts');
		expect(sandbox.state.listObjects('payout', other)).toEqual([]);
	});
});
