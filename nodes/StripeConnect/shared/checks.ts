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
