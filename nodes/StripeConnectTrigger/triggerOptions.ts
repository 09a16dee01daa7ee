import { checkSignatureTolerance } from './signature';

/** The trigger's "Options", read and checked. */
export interface TriggerOptions {
	toleranceSeconds: number;
	fetchLatestObject: boolean;
	fetchRelatedObject: boolean;
	deduplicateAcrossProcesses: boolean;
}

const SWITCHES = {
	fetchLatestObject: 'Fetch Latest Object',
	fetchRelatedObject: 'Fetch Related Object',
	deduplicateAcrossProcesses: 'Deduplicate Across Processes',
} as const;

/**
 * Reads the "Options" collection: the signature tolerance (see checkSignatureTolerance) and the
 * switches, each unset (off) or exactly true or false. Anything else, such as the text "true" from an
 * expression, is a problem naming the option, never read as off.
 */
export function readTriggerOptions(raw: unknown): TriggerOptions | { problem: string } {
	const options = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const tolerance = checkSignatureTolerance(options.toleranceSeconds);
	if ('problem' in tolerance) return tolerance;
	const read: TriggerOptions = {
		toleranceSeconds: tolerance.seconds,
		fetchLatestObject: false,
		fetchRelatedObject: false,
		deduplicateAcrossProcesses: false,
	};
	for (const [name, label] of Object.entries(SWITCHES) as Array<[keyof typeof SWITCHES, string]>) {
		const value = options[name];
		if (value === undefined) continue;
		if (typeof value !== 'boolean') {
			return {
				problem: `${label} is ${JSON.stringify(value) ?? String(value)}. Turn it on or off (true or false).`,
			};
		}
		read[name] = value;
	}
	return read;
}
