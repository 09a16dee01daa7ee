/**
 * How many event ids the trigger stores in the workflow's static data: what another n8n process, or
 * this one after a restart, learns. The process itself remembers far more (eventLedger.ts); the
 * stored list stays small (about 30 KB) because n8n writes it whole on every save.
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

/**
 * Merges another copy of the list (the one n8n loaded from its database for this request, written
 * by this or another n8n process) into `own`, oldest first. Ids only `other` knows are placed after
 * the id that precedes them in `other` (or first, when nothing does), so both copies' order of
 * arrival survives and the oldest are the ones dropped beyond `limit`. Returns `own` itself when
 * `other` adds nothing.
 */
export function mergeSeenEventIds(
	own: readonly string[],
	other: readonly string[],
	limit = SEEN_EVENT_ID_LIMIT,
): readonly string[] {
	const known = new Set(own);
	const added = new Set<string>();
	const following = new Map<string | undefined, string[]>();
	let anchor: string | undefined;
	for (const id of other) {
		if (known.has(id)) {
			anchor = id;
		} else if (!added.has(id)) {
			added.add(id);
			const group = following.get(anchor);
			if (group === undefined) following.set(anchor, [id]);
			else group.push(id);
		}
	}
	if (added.size === 0) return own;
	const merged = [...(following.get(undefined) ?? [])];
	for (const id of own) merged.push(id, ...(following.get(id) ?? []));
	return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}
