import { collection, field, type CollectionSpec, type Field } from '../../shared/fields';
import type { RequestStep } from '../../shared/parameters';
import { StripeInputError, checkInteger } from '../../../shared/validation';

const WEEKDAYS = [
	{ name: 'Monday', value: 'monday' },
	{ name: 'Tuesday', value: 'tuesday' },
	{ name: 'Wednesday', value: 'wednesday' },
	{ name: 'Thursday', value: 'thursday' },
	{ name: 'Friday', value: 'friday' },
];

/** The schedule fields by node name, with their labels (for the schedule rules' errors). */
const LABEL = {
	interval: 'Interval',
	weeklyAnchor: 'Weekly Anchor',
	weeklyPayoutDays: 'Weekly Payout Days',
	monthlyAnchor: 'Monthly Anchor',
	monthlyPayoutDays: 'Monthly Payout Days',
} as const;

type ScheduleField = keyof typeof LABEL;

/** Which day fields belong to which interval; one of each pair is required for its interval. */
const DAY_FIELDS: Record<'weekly' | 'monthly', [ScheduleField, ScheduleField]> = {
	weekly: ['weeklyAnchor', 'weeklyPayoutDays'],
	monthly: ['monthlyAnchor', 'monthlyPayoutDays'],
};

/**
 * Stripe's payout schedule rules of 2026-10-28.endive, checked before any request: each anchor is
 * "required and applicable only if interval is weekly" (or monthly), and `monthly_payout_days` only
 * "if monthly_anchor is not set". The node cannot see the account's stored interval, so a day field
 * needs the Interval beside it; otherwise Stripe would judge it against a schedule nobody sees here.
 */
function scheduleRules(spec: CollectionSpec): RequestStep {
	const nameOf = (member: ScheduleField) => `${spec.displayName} → ${LABEL[member]}`;
	return (_reader, draft) => {
		const has = (member: ScheduleField) => draft.values.has(`${spec.name}.${member}`);
		const interval = draft.values.get(`${spec.name}.interval`) as string | undefined;
		if (has('monthlyAnchor') && has('monthlyPayoutDays')) {
			throw new StripeInputError(
				`${nameOf('monthlyAnchor')} and ${nameOf('monthlyPayoutDays')}`,
				'are both set, but Stripe takes one of them. Keep Monthly Anchor for one day, Monthly Payout Days for several.',
			);
		}
		for (const [dayInterval, members] of Object.entries(DAY_FIELDS)) {
			const label = dayInterval === 'weekly' ? 'Weekly' : 'Monthly';
			for (const member of members) {
				if (!has(member) || interval === dayInterval) continue;
				throw new StripeInputError(
					nameOf(member),
					interval === undefined
						? `applies only when Interval is ${label}. Add ${nameOf('interval')} set to ${label}.`
						: `applies only when Interval is ${label}, but Interval is "${interval}". Remove ${LABEL[member]}, or set Interval to ${label}.`,
				);
			}
			if (interval === dayInterval && !members.some(has)) {
				throw new StripeInputError(
					nameOf(members[0]),
					`is required when Interval is ${label}. Add ${LABEL[members[0]]} or ${LABEL[members[1]]}.`,
				);
			}
		}
	};
}

/**
 * The Payout Schedule collection of Account → Update and Payout Schedule → Update, sent as
 * settings[payouts][schedule][…] on the account, with Stripe's schedule rules checked before sending.
 */
export function payoutScheduleCollection(spec: CollectionSpec): Field {
	const members: Field[] = [
		field({
			name: 'interval',
			displayName: LABEL.interval,
			value: {
				kind: 'option',
				options: [
					{ name: 'Daily', value: 'daily' },
					{ name: 'Manual', value: 'manual', description: 'Payouts only when you create them' },
					{
						name: 'Monthly',
						value: 'monthly',
						description: 'Needs Monthly Anchor or Monthly Payout Days',
					},
					{
						name: 'Weekly',
						value: 'weekly',
						description: 'Needs Weekly Anchor or Weekly Payout Days',
					},
				],
			},
			to: { in: 'body', name: 'settings.payouts.schedule.interval' },
		}),
		field({
			name: 'weeklyAnchor',
			displayName: LABEL.weeklyAnchor,
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
			description: 'The one day of the week for payouts; only with Interval Weekly',
			to: { in: 'body', name: 'settings.payouts.schedule.weekly_anchor' },
		}),
		field({
			name: 'weeklyPayoutDays',
			displayName: LABEL.weeklyPayoutDays,
			value: { kind: 'options', options: WEEKDAYS },
			description:
				'Several weekdays for payouts (e.g. Monday and Thursday); only with Interval Weekly',
			to: { in: 'body', name: 'settings.payouts.schedule.weekly_payout_days' },
		}),
		field({
			name: 'monthlyAnchor',
			displayName: LABEL.monthlyAnchor,
			value: { kind: 'integer', min: 1, max: 31 },
			typeOptions: { minValue: 1, maxValue: 31 },
			description:
				'The one day of the month for payouts (29–31 fall on the last day of shorter months); only with Interval Monthly',
			to: { in: 'body', name: 'settings.payouts.schedule.monthly_anchor' },
		}),
		field({
			name: 'monthlyPayoutDays',
			displayName: LABEL.monthlyPayoutDays,
			value: { kind: 'list' },
			placeholder: '1, 15',
			description:
				'Comma-separated days of the month (1–31) for payouts; only with Interval Monthly and without Monthly Anchor',
			to: { in: 'body', name: 'settings.payouts.schedule.monthly_payout_days' },
			shape: (days) =>
				(days as string[]).map((day) =>
					checkInteger(day, `${spec.displayName} → ${LABEL.monthlyPayoutDays}`, 1, 31),
				),
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
	const schedule = collection(spec, members);
	return { ...schedule, steps: [...(schedule.steps ?? []), scheduleRules(spec)] };
}
