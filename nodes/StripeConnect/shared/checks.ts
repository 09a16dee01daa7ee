import type { InputCheck } from '../../shared/inputChecks';

/** Checks for a date range made with dateRangeOptions: `created[gte]` / `created[lte]` in Unix seconds. */
export function dateRangeChecks(
	collection: string,
	label: string,
	namePrefix: string,
	stripeName: string,
): InputCheck[] {
	return [
		{
			kind: 'timestamp',
			parameter: `${collection}.${namePrefix}After`,
			field: `Filters → ${label} After`,
			optional: true,
			target: 'qs',
			property: `${stripeName}.gte`,
		},
		{
			kind: 'timestamp',
			parameter: `${collection}.${namePrefix}Before`,
			field: `Filters → ${label} Before`,
			optional: true,
			target: 'qs',
			property: `${stripeName}.lte`,
		},
	];
}

/** A required Stripe ID checked against its prefixes (the object an operation acts on). */
export function idCheck(parameter: string, field: string, prefixes: readonly string[]): InputCheck {
	return { kind: 'id', parameter, field, prefixes };
}

/** An optional Stripe ID from Additional Fields, checked and written to the body as `property`. */
export function optionalBodyIdCheck(
	parameter: string,
	field: string,
	prefixes: readonly string[],
	property: string,
): InputCheck {
	return { kind: 'id', parameter, field, prefixes, optional: true, target: 'body', property };
}

/** An optional amount in the smallest currency unit, checked and written to the body as `property`. */
export function optionalAmountCheck(
	parameter: string,
	field: string,
	property: string,
): InputCheck {
	return { kind: 'amount', parameter, field, optional: true, target: 'body', property };
}

/**
 * The money of a create operation: Currency, then Amount in the unit Amount Unit chooses (major
 * units are converted with the currency's decimals), both written to the body.
 */
export function amountWithCurrencyChecks(): InputCheck[] {
	return [
		{
			kind: 'currency',
			parameter: 'currency',
			field: 'Currency',
			target: 'body',
			property: 'currency',
		},
		{
			kind: 'amount',
			parameter: 'amount',
			field: 'Amount',
			unitParameter: 'amountUnit',
			target: 'body',
			property: 'amount',
		},
	];
}
