import { describe, expect, it } from 'vitest';

import {
	parseAttempt,
	parsePayPeriod,
	previousPayPeriod,
} from '../../../functions/transferTips/period';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('pay periods', () => {
	it('run Monday 00:00 to Monday 00:00 in UTC', () => {
		expect(parsePayPeriod('2026-W46', 'UTC')).toEqual({
			id: '2026-W46',
			timeZone: 'UTC',
			start: at('2026-11-09T00:00:00Z'),
			end: at('2026-11-16T00:00:00Z'),
		});
	});

	it('follow the configured time zone, including a week that crosses a DST change', () => {
		expect(parsePayPeriod('2026-W46', 'Europe/Berlin')).toMatchObject({
			start: at('2026-11-08T23:00:00Z'),
			end: at('2026-11-15T23:00:00Z'),
		});
		// Berlin leaves summer time on Sunday 2026-10-25: the week is an hour longer.
		const week = parsePayPeriod('2026-W43', 'Europe/Berlin');
		expect(week).toMatchObject({
			start: at('2026-10-18T22:00:00Z'),
			end: at('2026-10-25T23:00:00Z'),
		});
		expect(week.end - week.start).toBe(7 * 86_400 + 3_600);
		expect(parsePayPeriod('2026-W46', 'America/New_York')).toMatchObject({
			start: at('2026-11-09T05:00:00Z'),
		});
	});

	it('compute UTC weeks without time zone data exactly as Intl computes them', () => {
		// UTC takes the fast path; Etc/UTC is the same zone computed through Intl.DateTimeFormat.
		for (const week of ['2026-W01', '2026-W09', '2026-W46', '2026-W53', '2028-W52']) {
			const { start, end } = parsePayPeriod(week, 'Etc/UTC');
			expect(parsePayPeriod(week, 'UTC'), week).toMatchObject({ start, end });
		}
		for (const iso of ['2026-01-04T23:59:59Z', '2026-11-16T00:00:00Z', '2027-01-03T12:00:00Z']) {
			expect(previousPayPeriod(at(iso), 'UTC').id, iso).toBe(
				previousPayPeriod(at(iso), 'Etc/UTC').id,
			);
		}
	});

	it('handle ISO years whose week 1 starts in December and years with 53 weeks', () => {
		expect(parsePayPeriod('2026-W01', 'UTC').start).toBe(at('2025-12-29T00:00:00Z'));
		expect(parsePayPeriod('2026-W53', 'UTC')).toMatchObject({
			start: at('2026-12-28T00:00:00Z'),
			end: at('2027-01-04T00:00:00Z'),
		});
		expect(() => parsePayPeriod('2025-W53', 'UTC')).toThrow(
			/^period: "2025-W53" is not an ISO week/,
		);
	});

	it('name the field and the expected form when malformed', () => {
		for (const text of ['2026-46', '2026-W00', '2026-W7', 'last week']) {
			expect(() => parsePayPeriod(text, 'UTC')).toThrow(
				/^period: .* Use YYYY-Www, for example 2026-W46/,
			);
		}
	});

	it('default to the previous complete week as seen in the time zone', () => {
		expect(previousPayPeriod(at('2026-11-18T12:00:00Z'), 'UTC').id).toBe('2026-W46');
		expect(previousPayPeriod(at('2026-11-16T00:00:00Z'), 'UTC').id).toBe('2026-W46');
		// Sunday 23:30 UTC is already Monday in Berlin, so the week just ended is complete there.
		expect(previousPayPeriod(at('2026-11-15T23:30:00Z'), 'Europe/Berlin').id).toBe('2026-W46');
		expect(previousPayPeriod(at('2026-11-15T23:30:00Z'), 'UTC').id).toBe('2026-W45');
		expect(previousPayPeriod(at('2027-01-06T09:00:00Z'), 'UTC').id).toBe('2026-W53');
	});

	it('read the attempt of a deliberate re-run and name it when malformed', () => {
		expect(parseAttempt(undefined)).toBe(1);
		expect(parseAttempt('2')).toBe(2);
		expect(parseAttempt(3)).toBe(3);
		for (const bad of ['0', 'two', 1.5, 100]) {
			expect(() => parseAttempt(bad)).toThrow(/^attempt: .* is not a whole number from 1 to 99/);
		}
	});
});
