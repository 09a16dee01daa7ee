import { InputError } from '../shared/config';

/** Payouts whose arrival date is in [since, until), in Unix seconds. */
export interface ReconciliationWindow {
	since: number;
	until: number;
}

/** An instant as ISO 8601, for events and summaries. */
export function isoDate(unixSeconds: number): string {
	return new Date(unixSeconds * 1000).toISOString();
}

/** Default window: the last `lookbackHours` before now plus `overlapHours` earlier, in Unix seconds. */
export function defaultWindow(
	now: number,
	lookbackHours: number,
	overlapHours: number,
): ReconciliationWindow {
	const until = Math.floor(now);
	return { since: until - Math.round((lookbackHours + overlapHours) * 3600), until };
}

function parseInstant(field: string, text: string): number {
	const milliseconds = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)
		? Date.parse(text)
		: Number.NaN;
	if (Number.isNaN(milliseconds)) {
		throw new InputError(
			field,
			`"${text}" is not an ISO 8601 date or time. Use a form like 2026-11-20 or 2026-11-20T06:00:00Z.`,
		);
	}
	return Math.floor(milliseconds / 1000);
}

/**
 * The window of a run: explicit `since`/`until` (ISO 8601), or the default lookback plus overlap
 * ending now. `since` alone runs until now; `until` alone looks back the default span from it.
 */
export function resolveWindow(
	requested: { since?: string; until?: string },
	now: number,
	lookbackHours: number,
	overlapHours: number,
): ReconciliationWindow {
	const until =
		requested.until === undefined ? Math.floor(now) : parseInstant('until', requested.until);
	const since =
		requested.since === undefined
			? defaultWindow(until, lookbackHours, overlapHours).since
			: parseInstant('since', requested.since);
	if (since >= until) {
		throw new InputError(
			'since',
			`${isoDate(since)} is not before until (${isoDate(until)}). Give a since earlier than until.`,
		);
	}
	return { since, until };
}
