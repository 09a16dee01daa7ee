import { describe, expect, it } from 'vitest';

import {
	runInputChecks,
	toUnixSeconds,
	type InputCheck,
} from '../../../../nodes/shared/inputChecks';

function reader(parameters: Record<string, unknown>) {
	return (path: string) => parameters[path];
}

describe('runInputChecks', () => {
	it('writes normalised values into the body and the query', () => {
		const checks: InputCheck[] = [
			{
				kind: 'id',
				parameter: 'destination',
				field: 'Destination',
				prefixes: ['acct_'],
				target: 'body',
				property: 'transfer_data.destination',
			},
			{
				kind: 'amount',
				parameter: 'amount',
				field: 'Amount',
				unitParameter: 'unit',
				target: 'body',
				property: 'amount',
			},
			{
				kind: 'currency',
				parameter: 'currency',
				field: 'Currency',
				target: 'body',
				property: 'currency',
			},
			{
				kind: 'timestamp',
				parameter: 'after',
				field: 'After',
				target: 'qs',
				property: 'created.gte',
			},
			{ kind: 'list', parameter: 'expand', field: 'Expand', target: 'qs', property: 'expand' },
		];
		const result = runInputChecks(
			checks,
			reader({
				destination: ' acct_1 ',
				amount: '12.5',
				unit: 'major',
				currency: 'eur',
				after: '2026-01-01T00:00:00Z',
				expand: 'a, b,',
			}),
			{ url: '/x', body: { description: 'd' }, qs: {} },
		);
		expect(result.body).toEqual({
			description: 'd',
			transfer_data: { destination: 'acct_1' },
			amount: 1250,
			currency: 'eur',
		});
		expect(result.qs).toEqual({ created: { gte: 1767225600 }, expand: ['a', 'b'] });
	});

	it('skips optional checks without a value and fails required ones', () => {
		const optional: InputCheck = {
			kind: 'id',
			parameter: 'x',
			field: 'X',
			prefixes: ['ch_'],
			optional: true,
		};
		expect(runInputChecks([optional], reader({}), { url: '/x' }).body).toEqual({});
		expect(() =>
			runInputChecks([{ ...optional, optional: false }], reader({ x: '' }), { url: '/x' }),
		).toThrow('X: is required. Fill it in.');
	});

	it('applies a check only while its condition holds', () => {
		const check: InputCheck = {
			kind: 'id',
			parameter: 'charge',
			field: 'Charge ID',
			prefixes: ['ch_'],
			when: { parameter: 'refundOf', equals: 'charge' },
		};
		expect(() =>
			runInputChecks([check], reader({ refundOf: 'paymentIntent' }), { url: '/x' }),
		).not.toThrow();
		expect(() =>
			runInputChecks([check], reader({ refundOf: 'charge', charge: 'pi_1' }), { url: '/x' }),
		).toThrow('must start with ch_…');
	});

	it('checks each ID of a comma-separated list', () => {
		const check: InputCheck = {
			kind: 'ids',
			parameter: 'ids',
			field: 'IDs',
			prefixes: ['po_'],
			target: 'qs',
			property: 'ids',
		};
		expect(runInputChecks([check], reader({ ids: 'po_1, po_2' }), { url: '/x' }).qs).toEqual({
			ids: ['po_1', 'po_2'],
		});
		expect(() => runInputChecks([check], reader({ ids: 'po_1,tr_2' }), { url: '/x' })).toThrow(
			'"tr_2"',
		);
	});
});

describe('toUnixSeconds', () => {
	it('accepts ISO dates, Unix seconds and Dates', () => {
		expect(toUnixSeconds('2026-01-01T00:00:00Z', 'F')).toBe(1767225600);
		expect(toUnixSeconds('1767225600', 'F')).toBe(1767225600);
		expect(toUnixSeconds(1767225600, 'F')).toBe(1767225600);
		expect(toUnixSeconds(new Date(1767225600_500), 'F')).toBe(1767225600);
	});

	it('rejects what is not a date', () => {
		expect(() => toUnixSeconds('soon', 'Created After')).toThrow(
			'Created After: "soon" is not a date',
		);
	});
});
