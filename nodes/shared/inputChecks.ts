import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import {
	StripeInputError,
	checkCountry,
	checkCurrency,
	checkDelayDays,
	checkEventTypes,
	checkMinorAmount,
	checkStripeId,
	checkUrl,
	majorToMinorUnits,
} from './validation';

/** Where a checked value goes in the request: the POST body or the query string. */
export type CheckTarget = 'body' | 'qs';

interface CheckBase {
	/** Node parameter path, e.g. `transferId` or `additionalFields.sourceTransaction`. */
	parameter: string;
	/** How the field is labelled in the node, for the error message. */
	field: string;
	/** Skip the check when the parameter is absent or empty. */
	optional?: boolean;
	/** Apply the check only while another parameter has this value (e.g. Refund Of = charge). */
	when?: { parameter: string; equals: string };
	/** Write the normalised value here (dots nest), or only validate when omitted. */
	target?: CheckTarget;
	property?: string;
}

/** One input rule an operation declares; `runInputChecks` enforces them before anything is sent. */
export type InputCheck =
	| (CheckBase & { kind: 'id'; prefixes: readonly string[] })
	| (CheckBase & { kind: 'ids'; prefixes: readonly string[] })
	| (CheckBase & { kind: 'currency' })
	| (CheckBase & { kind: 'list' })
	| (CheckBase & { kind: 'eventTypes' })
	| (CheckBase & { kind: 'delayDays' })
	| (CheckBase & { kind: 'country' })
	| (CheckBase & { kind: 'url' })
	| (CheckBase & {
			kind: 'amount';
			/** Parameter holding the currency, needed for major-unit input. */
			currencyParameter?: string;
			/** Parameter choosing `minor` (default) or `major` units. */
			unitParameter?: string;
	  })
	| (CheckBase & { kind: 'timestamp' });

/** Reads a node parameter; returns undefined when the parameter is not set. */
export type ParameterReader = (path: string) => unknown;

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject[string];
}

/** Converts a date (ISO string, Date or Unix seconds) to Unix seconds, or throws naming `field`. */
export function toUnixSeconds(value: unknown, field: string): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
	const date = value instanceof Date ? value : new Date(String(value));
	const milliseconds = date.getTime();
	if (Number.isNaN(milliseconds)) {
		throw new StripeInputError(
			field,
			`"${String(value)}" is not a date. Enter an ISO date such as 2026-01-31T00:00:00Z or Unix seconds.`,
		);
	}
	return Math.floor(milliseconds / 1000);
}

function checkOne(check: InputCheck, raw: unknown, read: ParameterReader): unknown {
	switch (check.kind) {
		case 'id':
			return checkStripeId(raw, check.field, check.prefixes);
		case 'ids': {
			const list = Array.isArray(raw) ? raw : String(raw).split(',');
			return list
				.map((entry) => String(entry).trim())
				.filter((entry) => entry !== '')
				.map((entry) => checkStripeId(entry, check.field, check.prefixes));
		}
		case 'currency':
			return checkCurrency(raw, check.field);
		case 'country':
			return checkCountry(raw, check.field);
		case 'url':
			return checkUrl(raw, check.field);
		case 'delayDays':
			return checkDelayDays(raw, check.field);
		case 'list':
			return (Array.isArray(raw) ? raw : String(raw).split(','))
				.map((entry) => String(entry).trim())
				.filter((entry) => entry !== '');
		case 'eventTypes':
			return checkEventTypes(raw, check.field);
		case 'timestamp':
			return toUnixSeconds(raw, check.field);
		case 'amount': {
			const unit = check.unitParameter ? read(check.unitParameter) : 'minor';
			if (unit !== 'major') return checkMinorAmount(raw, check.field);
			const currencyField = check.currencyParameter ?? 'currency';
			const currency = checkCurrency(read(currencyField), 'Currency');
			return majorToMinorUnits(raw, currency, check.field);
		}
	}
}

/**
 * Enforces an operation's input rules in order and writes each normalised value (trimmed IDs,
 * integer minor-unit amounts, Unix timestamps) into the request. Throws the first StripeInputError.
 */
export function runInputChecks(
	checks: readonly InputCheck[],
	read: ParameterReader,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const body = { ...((requestOptions.body as IDataObject | undefined) ?? {}) };
	const qs = { ...((requestOptions.qs as IDataObject | undefined) ?? {}) };
	for (const check of checks) {
		if (check.when && read(check.when.parameter) !== check.when.equals) continue;
		const raw = read(check.parameter);
		if (isEmpty(raw)) {
			if (check.optional) continue;
			throw new StripeInputError(check.field, 'is required. Fill it in.');
		}
		const value = checkOne(check, raw, read);
		if (check.target && check.property) {
			setPath(check.target === 'body' ? body : qs, check.property, value);
		}
	}
	return { ...requestOptions, body, qs };
}

/** Reads node parameters for `runInputChecks`, treating parameters that are not set as undefined. */
export function nodeParameterReader(context: IExecuteSingleFunctions): ParameterReader {
	return (path) => context.getNodeParameter(path, null) as unknown;
}
