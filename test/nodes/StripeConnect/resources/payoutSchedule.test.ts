import { describe, expect, it } from 'vitest';

import { StripeConnect } from '../../../../nodes/StripeConnect/StripeConnect.node';
import { builtStripeOperations } from '../../../../nodes/StripeConnect/shared/operation';
import { writeStripeRequest } from '../../../../nodes/StripeConnect/shared/parameters';
import type { StripeSandbox } from '../../../../stripe-sandbox';
import { expectSingleRequest, runFixture, runFixtureOk, useSandbox } from '../support/fixtureRuns';
import { readerFor } from '../support/fakeParameters';

let sandbox: StripeSandbox;

useSandbox((started) => {
	sandbox = started;
});

function newAccount(): string {
	return sandbox.state.createConnectedAccount({ country: 'US' }).id;
}

describe('Payout Schedule', () => {
	it("returns an account's payout settings", async () => {
		const id = sandbox.state.createConnectedAccount({
			payoutSchedule: { interval: 'daily', delay_days: 2 },
		}).id;

		const [schedule] = await runFixtureOk(sandbox, 'payout-schedule-get', [{ account: id }]);

		expectSingleRequest(sandbox, { method: 'GET', path: `/v1/accounts/${id}` });
		expect(schedule).toMatchObject({ account: id, schedule: { interval: 'daily', delay_days: 2 } });
	});

	it('sets a monthly schedule with the minimum delay', async () => {
		const id = newAccount();

		const [schedule] = await runFixtureOk(sandbox, 'payout-schedule-update', [{ account: id }]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/accounts/${id}`,
			rawBody:
				'settings[payouts][schedule][interval]=monthly&settings[payouts][schedule][monthly_anchor]=15&settings[payouts][schedule][delay_days]=minimum',
		});
		expect(schedule).toMatchObject({
			account: id,
			schedule: { interval: 'monthly', monthly_anchor: 15 },
		});
	});
});

const SCHEDULE = 'settings[payouts][schedule]';

describe('Payout Schedule → Update sends the days Stripe pays out on', () => {
	it('sets a weekly schedule on several weekdays', async () => {
		const id = newAccount();

		const [schedule] = await runFixtureOk(sandbox, 'payout-schedule-update-weekly-days', [
			{ account: id, interval: 'weekly' },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/accounts/${id}`,
			rawBody: `${SCHEDULE}[interval]=weekly&${SCHEDULE}[weekly_payout_days][0]=monday&${SCHEDULE}[weekly_payout_days][1]=thursday`,
		});
		expect(schedule).toMatchObject({
			account: id,
			schedule: { interval: 'weekly', weekly_payout_days: ['monday', 'thursday'] },
		});
	});

	it('sets a monthly schedule on days of the month from the item', async () => {
		const id = newAccount();

		const [schedule] = await runFixtureOk(sandbox, 'payout-schedule-update-monthly-days', [
			{ account: id, days: '1, 15' },
		]);

		expectSingleRequest(sandbox, {
			method: 'POST',
			path: `/v1/accounts/${id}`,
			rawBody: `${SCHEDULE}[interval]=monthly&${SCHEDULE}[monthly_payout_days][0]=1&${SCHEDULE}[monthly_payout_days][1]=15`,
		});
		expect(schedule).toMatchObject({
			account: id,
			schedule: { interval: 'monthly', monthly_payout_days: [1, 15] },
		});
	});

	it('refuses weekday fields with a monthly interval before any request, naming the field', async () => {
		const result = await runFixture(sandbox, 'payout-schedule-update-weekly-days', [
			{ account: newAccount(), interval: 'monthly' },
		]);

		expect(result.error?.message).toBe(
			'Schedule → Weekly Payout Days: applies only when Interval is Weekly, but Interval is "monthly". Remove Weekly Payout Days, or set Interval to Weekly.',
		);
		expect(sandbox.requests()).toEqual([]);
	});

	it('refuses a day of the month outside 1–31 before any request', async () => {
		const result = await runFixture(sandbox, 'payout-schedule-update-monthly-days', [
			{ account: newAccount(), days: '15, 32' },
		]);

		expect(result.error?.message).toBe(
			'Schedule → Monthly Payout Days: must be a whole number from 1 to 31 (got "32").',
		);
		expect(sandbox.requests()).toEqual([]);
	});
});

// Loading the node class builds every operation.
new StripeConnect();
const scheduleOperations = builtStripeOperations()
	.filter(
		(summary) =>
			(summary.resource === 'account' || summary.resource === 'payoutSchedule') &&
			summary.operation === 'update',
	)
	.map((summary) => ({
		name: `${summary.resource}.update`,
		summary,
		collection: summary.resource === 'account' ? 'payoutSchedule' : 'schedule',
		label: summary.resource === 'account' ? 'Payout Schedule' : 'Schedule',
	}));

describe.each(scheduleOperations)(
	'$name checks the payout schedule rules before sending',
	({ summary, collection, label }) => {
		function scheduleRequest(schedule: Record<string, unknown>): unknown {
			const draft = writeStripeRequest(
				readerFor({ accountId: 'acct_1', [collection]: schedule }),
				summary.recipe,
			);
			return (draft.request.body.settings as { payouts: { schedule: unknown } }).payouts.schedule;
		}

		it.each([
			[
				{ interval: 'weekly', weeklyAnchor: 'friday' },
				{ interval: 'weekly', weekly_anchor: 'friday' },
			],
			[
				{ interval: 'weekly', weeklyPayoutDays: ['tuesday'] },
				{ interval: 'weekly', weekly_payout_days: ['tuesday'] },
			],
			[
				{ interval: 'monthly', monthlyAnchor: 31 },
				{ interval: 'monthly', monthly_anchor: 31 },
			],
			[
				{ interval: 'monthly', monthlyPayoutDays: '1,15' },
				{ interval: 'monthly', monthly_payout_days: [1, 15] },
			],
			[
				{ interval: 'daily', delayDays: '3' },
				{ interval: 'daily', delay_days: 3 },
			],
			[{ interval: 'manual' }, { interval: 'manual' }],
		])('sends %j as %j', (schedule, sent) => {
			expect(scheduleRequest(schedule)).toEqual(sent);
		});

		it.each([
			[
				{ interval: 'weekly' },
				`${label} → Weekly Anchor: is required when Interval is Weekly. Add Weekly Anchor or Weekly Payout Days.`,
			],
			[
				{ interval: 'monthly', delayDays: 'minimum' },
				`${label} → Monthly Anchor: is required when Interval is Monthly. Add Monthly Anchor or Monthly Payout Days.`,
			],
			[
				{ interval: 'monthly', weeklyAnchor: 'monday', monthlyAnchor: 31 },
				`${label} → Weekly Anchor: applies only when Interval is Weekly, but Interval is "monthly". Remove Weekly Anchor, or set Interval to Weekly.`,
			],
			[
				{ interval: 'daily', monthlyAnchor: 1 },
				`${label} → Monthly Anchor: applies only when Interval is Monthly, but Interval is "daily". Remove Monthly Anchor, or set Interval to Monthly.`,
			],
			[
				{ interval: 'weekly', weeklyAnchor: 'monday', monthlyPayoutDays: '1' },
				`${label} → Monthly Payout Days: applies only when Interval is Monthly, but Interval is "weekly". Remove Monthly Payout Days, or set Interval to Monthly.`,
			],
			[
				{ weeklyAnchor: 'monday' },
				`${label} → Weekly Anchor: applies only when Interval is Weekly. Add ${label} → Interval set to Weekly.`,
			],
			[
				{ interval: 'monthly', monthlyAnchor: 5, monthlyPayoutDays: '1,15' },
				`${label} → Monthly Anchor and ${label} → Monthly Payout Days: are both set, but Stripe takes one of them. Keep Monthly Anchor for one day, Monthly Payout Days for several.`,
			],
		])('refuses %j', (schedule, message) => {
			expect(() => scheduleRequest(schedule)).toThrow(message);
		});
	},
);
