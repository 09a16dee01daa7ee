import { describe, expect, it } from 'vitest';

import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';

let sandbox: StripeSandbox;
let account: string;

useSandbox(async (started) => {
	sandbox = started;
	account = sandbox.state.createConnectedAccount({ country: 'US' }).id;
	sandbox.state.fundBalance({ currency: 'eur', amount: 100_00 });
	for (const amount of [100, 200, 300, 400]) {
		await runFixtureOk(sandbox, 'transfer-create', [{ destination: account, amount }]);
	}
});

describe('Event', () => {
	it('gets one event', async () => {
		const [event] = sandbox.state.listObjects('event');

		const [fetched] = await runFixtureOk(sandbox, 'event-get', [{ event: event.id }]);

		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/events/${event.id}` });
		expect(fetched).toMatchObject({ id: event.id, object: 'event', type: event.type });
	});

	it('lists events of some types up to the limit', async () => {
		const events = await runFixtureOk(sandbox, 'event-get-many');

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/events',
			rawQuery: 'types[0]=transfer.created&types[1]=payout.paid&limit=3',
		});
		expect(events).toHaveLength(3);
		expect(events.every((event) => event.type === 'transfer.created')).toBe(true);
	});

	it("lists a connected account's events through the Stripe-Account header", async () => {
		sandbox.state.setCapabilities(account, { card_payments: 'inactive' });

		const events = await runFixtureOk(sandbox, 'event-get-many-connected', [{ account }]);

		expectSingleRequest(sandbox, {
			method: 'GET',
			path: '/v1/events',
			stripeAccount: account,
			rawQuery: 'limit=100',
		});
		expect(events.length).toBeGreaterThan(0);
		expect(events.every((event) => event.account === account)).toBe(true);
	});

	it('refuses Type and Types together before any request, naming both (Stripe takes one of them)', async () => {
		const result = await runFixture(sandbox, 'event-get-many-type-and-types', [
			{ type: 'payout.*', types: 'payout.paid, payout.failed' },
		]);

		expect(result.error?.message).toBe(
			'Filters → Type and Filters → Types: are both set. Stripe filters events by one of them: keep Type for one type or a wildcard (payout.*), Types for a list of exact types.',
		);
		expect(sandbox.requests()).toEqual([]);
	});
});
