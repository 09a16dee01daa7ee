// EventBridge event-pattern matching for the operators our rules use (and their close relatives), as
// the EventBridge User Guide defines them: exact values (strings, numbers, booleans, null), prefix,
// suffix, equals-ignore-case, anything-but (values, prefix, suffix), exists, numeric and $or.
// Anything else throws, so a rule using an operator this does not implement cannot pass unnoticed.

/** A JSON value as it appears in an event. */
export type JsonValue =
	| string
	| number
	| boolean
	| null
	| JsonValue[]
	| { [key: string]: JsonValue };

/** An event pattern: nested objects whose leaves are arrays of matchers. */
export type EventPattern = { [key: string]: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unsupported(what: string): never {
	throw new Error(`Event pattern uses ${what}, which this matcher does not implement.`);
}

/** The scalar values a leaf field holds: an array is matched element by element. */
function leafValues(value: JsonValue | undefined): JsonValue[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

function matchesNumeric(conditions: unknown, value: JsonValue): boolean {
	if (typeof value !== 'number') return false;
	if (!Array.isArray(conditions) || conditions.length === 0 || conditions.length % 2 !== 0) {
		unsupported(`numeric ${JSON.stringify(conditions)}`);
	}
	for (let index = 0; index < conditions.length; index += 2) {
		const operator = conditions[index];
		const bound = conditions[index + 1];
		if (typeof bound !== 'number') unsupported(`numeric bound ${JSON.stringify(bound)}`);
		const holds =
			operator === '='
				? value === bound
				: operator === '<'
					? value < bound
					: operator === '<='
						? value <= bound
						: operator === '>'
							? value > bound
							: operator === '>='
								? value >= bound
								: unsupported(`numeric operator ${JSON.stringify(operator)}`);
		if (!holds) return false;
	}
	return true;
}

function matchesAnythingBut(excluded: unknown, value: JsonValue): boolean {
	if (isPlainObject(excluded)) {
		if (typeof value !== 'string') return false;
		if (typeof excluded.prefix === 'string') return !value.startsWith(excluded.prefix);
		if (typeof excluded.suffix === 'string') return !value.endsWith(excluded.suffix);
		return unsupported(`anything-but ${JSON.stringify(excluded)}`);
	}
	const list = Array.isArray(excluded) ? excluded : [excluded];
	return !list.some((item) => item === value);
}

/** Whether one scalar event value satisfies one matcher of a leaf's array. */
function matchesValue(matcher: unknown, value: JsonValue): boolean {
	if (matcher === null || typeof matcher !== 'object') return matcher === value;
	if (!isPlainObject(matcher))
		return unsupported(`nested array matcher ${JSON.stringify(matcher)}`);
	const keys = Object.keys(matcher);
	if (keys.length !== 1) unsupported(`matcher ${JSON.stringify(matcher)}`);
	const [operator] = keys;
	const operand = matcher[operator];
	switch (operator) {
		case 'prefix':
			if (isPlainObject(operand) && typeof operand['equals-ignore-case'] === 'string') {
				return (
					typeof value === 'string' &&
					value.toLowerCase().startsWith(operand['equals-ignore-case'].toLowerCase())
				);
			}
			if (typeof operand !== 'string') return unsupported(`prefix ${JSON.stringify(operand)}`);
			return typeof value === 'string' && value.startsWith(operand);
		case 'suffix':
			if (typeof operand !== 'string') return unsupported(`suffix ${JSON.stringify(operand)}`);
			return typeof value === 'string' && value.endsWith(operand);
		case 'equals-ignore-case':
			if (typeof operand !== 'string')
				return unsupported(`equals-ignore-case ${JSON.stringify(operand)}`);
			return typeof value === 'string' && value.toLowerCase() === operand.toLowerCase();
		case 'anything-but':
			return matchesAnythingBut(operand, value);
		case 'numeric':
			return matchesNumeric(operand, value);
		default:
			return unsupported(`the "${operator}" operator`);
	}
}

function matchesLeaf(matchers: unknown[], value: JsonValue | undefined): boolean {
	return matchers.some((matcher) => {
		if (isPlainObject(matcher) && 'exists' in matcher) {
			if (typeof matcher.exists !== 'boolean')
				unsupported(`exists ${JSON.stringify(matcher.exists)}`);
			// A field "exists" when it is a leaf that is present; an object there is not a leaf.
			const present = value !== undefined && !isPlainObject(value);
			return matcher.exists === present;
		}
		return leafValues(value).some((item) => matchesValue(matcher, item));
	});
}

function matchesObject(pattern: EventPattern, event: JsonValue | undefined): boolean {
	const fields = isPlainObject(event) ? (event as Record<string, JsonValue>) : undefined;
	return Object.entries(pattern).every(([key, expected]) => {
		if (key === '$or') {
			if (!Array.isArray(expected) || expected.length < 2)
				unsupported('$or with fewer than two patterns');
			return expected.some((alternative) => {
				if (!isPlainObject(alternative))
					return unsupported(`$or entry ${JSON.stringify(alternative)}`);
				return matchesObject(alternative, event);
			});
		}
		const value = fields?.[key];
		if (Array.isArray(expected)) return matchesLeaf(expected, value);
		if (isPlainObject(expected)) return matchesObject(expected, value);
		return unsupported(`a bare value at "${key}" (leaves must be arrays)`);
	});
}

/** Whether an EventBridge event (as delivered to targets) matches an event pattern. */
export function matchesEventPattern(
	pattern: EventPattern,
	event: Record<string, JsonValue>,
): boolean {
	if (!isPlainObject(pattern)) unsupported('a pattern that is not an object');
	return matchesObject(pattern, event);
}
