/** What n8n reports of a run: the shapes of its run data and execution list, and their parsers. */

/** One item of a node's output as n8n reports it. */
export interface N8nItem {
	json: Record<string, unknown>;
	[key: string]: unknown;
}

/** What `n8n execute --rawOutput` prints: the run's data (per node, runs, outputs, items). */
export interface N8nRunData {
	resultData: {
		error?: { message: string; description?: string; node?: { name: string } };
		runData: Record<
			string,
			Array<{
				error?: { message: string; description?: string };
				data?: { main?: Array<N8nItem[] | null>; ai_tool?: Array<N8nItem[] | null> };
			}>
		>;
		lastNodeExecuted?: string;
	};
}

/** One row of n8n's execution list. */
export interface N8nExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished?: boolean;
}

/**
 * Parses what `n8n execute` prints: the run as pretty-printed JSON (a line `{` to a line `}`),
 * possibly between n8n's own log lines.
 */
export function parseRawOutput(stdout: string): N8nRunData | undefined {
	const lines = stdout.split('\n');
	for (let first = 0; first < lines.length; first++) {
		if (lines[first] !== '{') continue;
		for (let last = first + 1; last < lines.length; last++) {
			if (lines[last] !== '}') continue;
			try {
				const parsed = JSON.parse(lines.slice(first, last + 1).join('\n')) as N8nRunData & {
					data?: N8nRunData;
				};
				const run = parsed.resultData ? parsed : parsed.data;
				if (run?.resultData) return run;
			} catch {
				// Not the closing brace of this object yet; try the next one.
			}
		}
	}
	return undefined;
}

/**
 * Decodes the `flatted` format n8n stores execution data in: a JSON array whose first entry is the
 * root, where every string inside an object or array is the index of the entry holding the value.
 */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') {
			revived.set(index, entry);
			return entry;
		}
		const copy: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		revived.set(index, copy);
		for (const [key, value] of Object.entries(entry)) {
			(copy as Record<string, unknown>)[key] =
				typeof value === 'string' ? revive(Number(value)) : value;
		}
		return copy;
	};
	return revive(0);
}
