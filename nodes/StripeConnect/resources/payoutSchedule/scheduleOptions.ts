import type { Field } from '../../shared/fields';
import { field } from '../../shared/fields';

/** Payout schedule settings, sent as settings[payouts][schedule][…] on the account. */
export function payoutScheduleFields(): Field[] {
	return [
		field({
			name: 'interval',
			displayName: 'Interval',
			value: {
				kind: 'option',
				options: [
					{ name: 'Daily', value: 'daily' },
					{ name: 'Manual', value: 'manual', description: 'Payouts only when you create them' },
					{ name: 'Monthly', value: 'monthly' },
					{ name: 'Weekly', value: 'weekly' },
				],
			},
			to: { in: 'body', name: 'settings.payouts.schedule.interval' },
		}),
		field({
			name: 'weeklyAnchor',
			displayName: 'Weekly Anchor',
			value: {
				kind: 'option',
				options: [
					{ name: 'Friday', value: 'friday' },
					{ name: 'Monday', value: 'monday' },
					{ name: 'Saturday', value: 'saturday' },
					{ name: 'Sunday', value: 'sunday' },
					{ name: 'Thursday', value: 'thursday' },
					{ name: 'Tuesday', value: 'tuesday' },
					{ name: 'Wednesday', value: 'wednesday' },
				],
			},
			default: 'monday',
			description: 'Day of the week for weekly payouts',
			to: { in: 'body', name: 'settings.payouts.schedule.weekly_anchor' },
		}),
		field({
			name: 'monthlyAnchor',
			displayName: 'Monthly Anchor',
			value: { kind: 'integer', min: 1, max: 31 },
			typeOptions: { minValue: 1, maxValue: 31 },
			description:
				'Day of the month for monthly payouts (29–31 fall on the last day of shorter months)',
			to: { in: 'body', name: 'settings.payouts.schedule.monthly_anchor' },
		}),
		field({
			name: 'delayDays',
			displayName: 'Delay Days',
			value: { kind: 'delayDays' },
			default: 'minimum',
			placeholder: '2 or minimum',
			description:
				'Days a charge waits before it is paid out, or "minimum" for the lowest delay the account allows',
			to: { in: 'body', name: 'settings.payouts.schedule.delay_days' },
		}),
	];
}
