/**
 * How many event ids the trigger remembers. Stripe redelivers for up to three days, usually within
 * minutes; 1,000 ids cover far more than a retry window's worth of traffic for one workflow while
 * keeping the workflow's static data small (about 30 KB).
 */
export const SEEN_EVENT_ID_LIMIT = 1000;

/**
 * Returns the remembered ids with `eventId` appended (oldest dropped beyond `limit`), or undefined
 * when `eventId` was already seen. Never mutates `seen`: callers store the returned array so n8n
 * notices the change and persists it.
 */
export function rememberEventId(
	seen: readonly string[] | undefined,
	eventId: string,
	limit = SEEN_EVENT_ID_LIMIT,
): string[] | undefined {
	const known = seen ?? [];
	if (known.includes(eventId)) return undefined;
	const next = [...known, eventId];
	return next.length > limit ? next.slice(next.length - limit) : next;
}
