import { InputError } from '../shared/config';

/** An ISO week pay period in a time zone: [start, end) in Unix seconds. */
export interface PayPeriod {
	/** `2026-W46` */
	id: string;
	timeZone: string;
	start: number;
	end: number;
}

const DAY_MS = 86_400_000;

interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

function isoWeekOf(date: CalendarDate): { year: number; week: number } {
	const utc = Date.UTC(date.year, date.month - 1, date.day);
	const weekday = (new Date(utc).getUTCDay() + 6) % 7;
	// The ISO year of a week is the year of its Thursday.
	const thursday = new Date(utc + (3 - weekday) * DAY_MS);
	const year = thursday.getUTCFullYear();
	const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
	return { year, week };
}

function weeksInIsoYear(year: number): number {
	return isoWeekOf({ year, month: 12, day: 28 }).week;
}

function mondayOfIsoWeek(year: number, week: number): CalendarDate {
	const january4 = Date.UTC(year, 0, 4);
	const weekday = (new Date(january4).getUTCDay() + 6) % 7;
	const monday = new Date(january4 - weekday * DAY_MS + (week - 1) * 7 * DAY_MS);
	return {
		year: monday.getUTCFullYear(),
		month: monday.getUTCMonth() + 1,
		day: monday.getUTCDate(),
	};
}

/**
 * The default zone. It needs no time zone data: the first Intl.DateTimeFormat of a process loads
 * ICU's calendar and zone data, 40–140 ms measured on Node 24, paid by every cold start that formats
 * a date through it. UTC jobs read the wall clock from Date's own UTC fields instead.
 */
export const UTC = 'UTC';

function wallClock(instantMs: number, timeZone: string) {
	if (timeZone === UTC) {
		const date = new Date(instantMs);
		return {
			year: date.getUTCFullYear(),
			month: date.getUTCMonth() + 1,
			day: date.getUTCDate(),
			hour: date.getUTCHours(),
			minute: date.getUTCMinutes(),
			second: date.getUTCSeconds(),
		};
	}
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(instantMs));
	const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	return {
		year: value('year'),
		month: value('month'),
		day: value('day'),
		hour: value('hour'),
		minute: value('minute'),
		second: value('second'),
	};
}

function offsetMs(instantMs: number, timeZone: string): number {
	const wall = wallClock(instantMs, timeZone);
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant a calendar date's midnight happens in a time zone (DST-aware). */
export function zonedMidnight(date: CalendarDate, timeZone: string): number {
	const guess = Date.UTC(date.year, date.month - 1, date.day);
	const first = guess - offsetMs(guess, timeZone);
	// Re-check at the candidate instant: the offset can differ across a DST change.
	const second = guess - offsetMs(first, timeZone);
	return Math.floor(second / 1000);
}

function periodOf(year: number, week: number, timeZone: string): PayPeriod {
	const monday = mondayOfIsoWeek(year, week);
	const nextMonday = mondayOfIsoWeek(year, week + 1);
	return {
		id: `${year}-W${String(week).padStart(2, '0')}`,
		timeZone,
		start: zonedMidnight(monday, timeZone),
		end: zonedMidnight(nextMonday, timeZone),
	};
}

/** Parses `2026-W46` into its Monday-to-Monday period in a time zone; names the field when malformed. */
export function parsePayPeriod(text: string, timeZone: string): PayPeriod {
	const match = /^(\d{4})-W(\d{2})$/.exec(text.trim());
	const year = match ? Number(match[1]) : Number.NaN;
	const week = match ? Number(match[2]) : Number.NaN;
	if (!match || week < 1 || week > weeksInIsoYear(year)) {
		throw new InputError(
			'period',
			`"${text}" is not an ISO week. Use YYYY-Www, for example 2026-W46 (weeks run 01 to ${match ? weeksInIsoYear(year) : 52} or 53).`,
		);
	}
	return periodOf(year, week, timeZone);
}

/** The last complete ISO week before `now` (Unix seconds), as seen in the time zone. */
export function previousPayPeriod(now: number, timeZone: string): PayPeriod {
	const wall = wallClock(now * 1000, timeZone);
	const weekAgo = new Date(Date.UTC(wall.year, wall.month - 1, wall.day) - 7 * DAY_MS);
	const { year, week } = isoWeekOf({
		year: weekAgo.getUTCFullYear(),
		month: weekAgo.getUTCMonth() + 1,
		day: weekAgo.getUTCDate(),
	});
	return periodOf(year, week, timeZone);
}

/** Reads the attempt number of a deliberate re-run (default 1); names the field when malformed. */
export function parseAttempt(value: unknown): number {
	if (value === undefined || value === null || value === '') return 1;
	const attempt = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(attempt) || attempt < 1 || attempt > 99) {
		throw new InputError(
			'attempt',
			`"${String(value)}" is not a whole number from 1 to 99. Leave it out for a normal run; use 2, 3… only to re-send transfers Stripe refused in the last 24 hours.`,
		);
	}
	return attempt;
}
