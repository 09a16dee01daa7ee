import type { INodeProperties } from 'n8n-workflow';

import type { InputCheck } from '../../../shared/inputChecks';

/** Payout schedule settings, sent as settings[payouts][schedule][…] on the account. */
export const payoutScheduleOptions: INodeProperties[] = [
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		default: 'daily',
		options: [
			{ name: 'Daily', value: 'daily' },
			{ name: 'Manual', value: 'manual', description: 'Payouts only when you create them' },
			{ name: 'Monthly', value: 'monthly' },
			{ name: 'Weekly', value: 'weekly' },
		],
		routing: { send: { type: 'body', property: 'settings.payouts.schedule.interval' } },
	},
	{
		displayName: 'Weekly Anchor',
		name: 'weeklyAnchor',
		type: 'options',
		default: 'monday',
		description: 'Day of the week for weekly payouts',
		options: [
			{ name: 'Friday', value: 'friday' },
			{ name: 'Monday', value: 'monday' },
			{ name: 'Saturday', value: 'saturday' },
			{ name: 'Sunday', value: 'sunday' },
			{ name: 'Thursday', value: 'thursday' },
			{ name: 'Tuesday', value: 'tuesday' },
			{ name: 'Wednesday', value: 'wednesday' },
		],
		routing: { send: { type: 'body', property: 'settings.payouts.schedule.weekly_anchor' } },
	},
	{
		displayName: 'Monthly Anchor',
		name: 'monthlyAnchor',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 31 },
		default: 1,
		description:
			'Day of the month for monthly payouts (29–31 fall on the last day of shorter months)',
		routing: { send: { type: 'body', property: 'settings.payouts.schedule.monthly_anchor' } },
	},
	{
		displayName: 'Delay Days',
		name: 'delayDays',
		type: 'string',
		default: 'minimum',
		placeholder: '2 or minimum',
		description:
			'Days a charge waits before it is paid out, or "minimum" for the lowest delay the account allows',
	},
];

/** Checks Delay Days of the collection `collection` and writes it as settings[payouts][schedule][delay_days]. */
export function delayDaysCheck(collection: string): InputCheck {
	return {
		kind: 'delayDays',
		parameter: `${collection}.delayDays`,
		field: 'Delay Days',
		optional: true,
		target: 'body',
		property: 'settings.payouts.schedule.delay_days',
	};
}
